from django.conf import settings
from django.urls import include, path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from redaktion.core import views as core_views
from redaktion.news import views as news_views

handler404 = "redaktion.core.views.page_not_found"
handler500 = "redaktion.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("healthz", core_views.health, name="health"),
    path("autoren/", news_views.author_list, name="author_list"),
    path("autoren/<slug:slug>/", news_views.author_detail, name="author"),
    path("themen/<slug:slug>/", news_views.tag_detail, name="tag"),
    # Media is served by the app itself in the embedded mode; behind a web server
    # or object storage this route is simply never reached.
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>",
        serve_static,
        {"document_root": settings.MEDIA_ROOT},
    ),
    path("", include("redaktion.syndication.urls")),
    path("", include("redaktion.discovery.urls")),
    path("", include("redaktion.comments.urls")),
    path("", include("redaktion.readership.urls")),
    path("", include(wagtail_urls)),
]
