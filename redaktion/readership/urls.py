from django.urls import path

from redaktion.readership import views

app_name = "readership"

urlpatterns = [
    path("v/<int:article_id>", views.beacon, name="beacon"),
]
