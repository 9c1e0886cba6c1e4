from django.urls import path

from . import views

urlpatterns = [
    path("tilmelding/<int:event_id>/", views.registration, name="event_registration"),
    path(
        "tilmelding/<int:event_id>/afmeld/<str:token>/",
        views.registration_cancel,
        name="registration_cancel",
    ),
]
