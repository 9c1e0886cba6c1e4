from django.urls import path

from . import views

urlpatterns = [
    path("", views.submission_form, name="submission_form"),
    path("tak/", views.submission_thanks, name="submission_thanks"),
]
