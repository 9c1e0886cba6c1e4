from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from core.sitemap import sitemap_view
from portal.health import healthz
from portal.security import throttled_password_view
from search import urls as search_urls

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's page and document password forms, counted and paused like the logins.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttled_password_view(
            wagtail_views.authenticate_with_password, "page", "page_view_restriction_id"
        ),
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttled_password_view(
            wagtaildocs_serve.authenticate_with_password, "document", "restriction_id"
        ),
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("soeg/", include(search_urls.page_urlpatterns)),
    path("api/search/", include(search_urls.api_urlpatterns)),
    path("indsend/", include("submissions.urls")),
    path("", include("network.urls")),
    path("", include("events.urls")),
    path("", include("cases.urls")),
    path("", include("home.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path; nothing after its patterns is ever matched.
urlpatterns += [path("", include(wagtail_urls))]
