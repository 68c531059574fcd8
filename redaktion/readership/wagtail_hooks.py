from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from redaktion.news.models import ArticlePage
from redaktion.readership import views


@hooks.register("register_admin_urls")
def readership_admin_urls():
    return [
        path("reichweite/", views.ReachIndexView.as_view(), name="readership_report"),
        path(
            "reichweite/<int:article_id>/",
            views.ArticleReachView.as_view(),
            name="readership_article",
        ),
    ]


@hooks.register("register_admin_menu_item")
def readership_menu_item():
    return MenuItem(_("Reach"), reverse("readership_report"), icon_name="view", order=850)


@hooks.register("register_page_header_buttons")
def readership_page_button(page, user, view_name, next_url=None):
    if issubclass(page.specific_class or object, ArticlePage):
        yield Button(
            _("Reach"),
            reverse("readership_article", args=[page.pk]),
            icon_name="view",
            priority=80,
        )
