from django.urls import path

from redaktion.syndication import feeds, views

app_name = "syndication"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap"),
    path("feed/", feeds.ArticleFeed(), name="feed"),
    path("feed/atom/", feeds.AtomArticleFeed(), name="feed_atom"),
    path("autoren/<slug:slug>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path("autoren/<slug:slug>/feed/atom/", feeds.AtomAuthorFeed(), name="author_feed_atom"),
    path("themen/<slug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("themen/<slug:slug>/feed/atom/", feeds.AtomTagFeed(), name="tag_feed_atom"),
    # Sections are Wagtail pages; this pattern sits before Wagtail's catch-all.
    path("<slug:section>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("<slug:section>/feed/atom/", feeds.AtomSectionFeed(), name="section_feed_atom"),
]
