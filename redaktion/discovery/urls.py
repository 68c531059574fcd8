from django.urls import path

from redaktion.discovery import views

urlpatterns = [path("suche/", views.search, name="search")]
