from django.urls import path

from .feeds import LatestCasesFeed

urlpatterns = [
    path("rss/cases/", LatestCasesFeed(), name="case_feed"),
]
