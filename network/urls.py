from django.urls import path
from django.views.generic import TemplateView

from . import views

urlpatterns = [
    path("log-ind/", views.LoginView.as_view(), name="login"),
    path("log-ud/", views.LogoutView.as_view(), name="logout"),
    path("invitation/<str:token>/", views.invitation, name="network_invitation"),
    path("velkommen/", views.welcome, name="network_welcome"),
    path("glemt-adgangskode/", views.PasswordResetView.as_view(), name="network_password_reset"),
    path(
        "glemt-adgangskode/sendt/",
        TemplateView.as_view(template_name="network/password_reset_sent.html"),
        name="network_password_reset_sent",
    ),
    path(
        "ny-adgangskode/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="network_password_reset_confirm",
    ),
    path(
        "ny-adgangskode/faerdig/",
        TemplateView.as_view(template_name="network/password_reset_done.html"),
        name="network_password_reset_done",
    ),
]
