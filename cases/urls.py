from django.urls import path

from . import views
from .feeds import LatestCasesFeed

urlpatterns = [
    path("verdensmaal/", views.goal_index, name="goal_index"),
    path("verdensmaal/<int:number>/", views.goal_detail, name="goal_detail"),
    path("kommuner/", views.municipality_index, name="municipality_index"),
    path("kommuner/<slug:slug>/", views.municipality_detail, name="municipality_detail"),
    path("rss/cases/", LatestCasesFeed(), name="case_feed"),
]
