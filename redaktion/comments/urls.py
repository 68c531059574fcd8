from django.urls import path

from redaktion.comments import views

urlpatterns = [
    path("kommentieren/<int:article_id>/", views.post_comment, name="comment_post"),
]
