"""Roles and moderation, tried as the secretariat's people: an editor writes and submits, a
moderator approves or asks for changes, and the e-mails arrive on a real SMTP server."""

import pytest
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Page, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cases.models import CasePage
from editorial.roles import EDITORS, MODERATORS, WORKFLOW

from .admin_forms import add_form_data, add_url
from .factories import CaseIndexPageFactory, UserFactory, goal, municipality


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktoer", groups=[EDITORS])


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=[MODERATORS])


def in_danish(message) -> str:
    """The e-mail's subject and plain text, checked free of Wagtail's English sentences
    (Wagtail's own Danish lacks the moderation e-mails; locale/da has them)."""
    text = f"{message['Subject']}\n{message.get_body(('plain',)).get_content()}"
    for english in ("The page", "has been", "You can", "moderation stage"):
        assert english not in text, text
    return text


def log_in(client, user) -> None:
    """Through the admin's own login form, as a person would."""
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": "kodeord"}
    )
    assert response.status_code == 302, "the login was refused"


def new_case_form(client, case_index, title: str, action: str):
    """The case editor's form as the editor's browser posts it, with `action` ("submit",
    "publish"); the browser's script would have made the slug from the title."""
    fields = {
        "title": title,
        "slug": slugify(title),
        "summary": "Kommunen samler borgerne om klimaet.",
        "municipality": municipality("gladsaxe").pk,
        "approach": "bottom-up",
        "goals": [goal(13).pk],
        **nested_form_data(
            {
                "body": streamfield(
                    [("challenge", {"heading": "", "text": rich_text("Udfordringen var stor.")})]
                )
            }
        ),
        f"action-{action}": "1",
    }
    return add_form_data(client, CasePage, case_index, fields)


def create_case(client, case_index, title: str, action: str):
    response = client.post(
        add_url(CasePage, case_index), new_case_form(client, case_index, title, action)
    )
    assert response.status_code == 302, response.context["form"].errors
    return CasePage.objects.get(title=title)


def approve(client, page, action="approve", comment=""):
    task_state = WorkflowState.objects.active().get(object_id=str(page.pk)).current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment} if comment else {})


def test_the_case_research_and_event_sections_are_moderated_and_open_to_both_groups(site_tree):
    for section in (site_tree.cases, site_tree.research, site_tree.events):
        assert section.get_workflow().name == WORKFLOW
        groups = set(
            GroupPagePermission.objects.filter(page=section).values_list("group__name", flat=True)
        )
        assert groups == {EDITORS, MODERATORS}
    assert site_tree.home.get_workflow().name != WORKFLOW


def test_a_section_created_twice_over_keeps_one_workflow_and_one_set_of_permissions(site_tree):
    from django.apps import apps

    from editorial.roles import set_up_section

    before = GroupPagePermission.objects.filter(page=site_tree.cases).count()
    set_up_section(apps, site_tree.cases)
    assert GroupPagePermission.objects.filter(page=site_tree.cases).count() == before


def test_an_editor_can_open_the_admin_but_not_edit_the_home_page(client, site_tree, editor):
    log_in(client, editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    home_edit = client.get(reverse("wagtailadmin_pages:edit", args=(site_tree.home.pk,)))
    assert home_edit.status_code in (302, 403)


def test_an_editor_sees_no_publish_button_and_cannot_publish_a_case(client, site_tree, editor):
    log_in(client, editor)
    add_url = reverse("wagtailadmin_pages:add", args=("cases", "casepage", site_tree.cases.pk))
    form = client.get(add_url)
    assert form.status_code == 200
    assert 'name="action-submit"' in form.content.decode()
    assert 'name="action-publish"' not in form.content.decode()

    case = create_case(client, site_tree.cases, "Klimaborgere i Gladsaxe", action="publish")

    assert not case.live
    assert client.get("/cases/klimaborgere-i-gladsaxe/").status_code == 404


def test_an_editor_submits_a_case_and_a_moderators_approval_publishes_it(
    client, site_tree, editor, moderator, smtp_mailbox
):
    log_in(client, editor)
    case = create_case(client, site_tree.cases, "Klimaborgere i Gladsaxe", action="submit")
    assert not case.live
    assert case.workflow_in_progress
    submitted = smtp_mailbox.to(moderator.email)
    assert len(submitted) == 1
    assert "Klimaborgere i Gladsaxe" in submitted[0]["Subject"]
    assert 'Siden "Klimaborgere i Gladsaxe" er sendt til godkendelse' in in_danish(submitted[0])
    assert smtp_mailbox.to(editor.email) == []

    client.logout()
    log_in(client, moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Klimaborgere i Gladsaxe" in dashboard
    assert approve(client, case).status_code == 302

    case.refresh_from_db()
    assert case.live
    assert client.get(case.url).status_code == 200
    approved = smtp_mailbox.to(editor.email)
    assert len(approved) == 1
    assert "Klimaborgere i Gladsaxe" in approved[0]["Subject"]
    assert 'Siden "Klimaborgere i Gladsaxe" er godkendt' in in_danish(approved[0])


def test_a_moderator_asking_for_changes_leaves_the_case_unpublished_and_tells_the_editor(
    client, site_tree, editor, moderator, smtp_mailbox
):
    log_in(client, editor)
    case = create_case(client, site_tree.cases, "Grønne indkøb", action="submit")
    client.logout()
    log_in(client, moderator)

    approve(client, case, action="reject", comment="Tilføj resultaterne.")

    case.refresh_from_db()
    assert not case.live
    rejected = smtp_mailbox.to(editor.email)
    assert len(rejected) == 1
    assert "Grønne indkøb" in rejected[0]["Subject"]
    assert 'Siden "Grønne indkøb" er afvist' in in_danish(rejected[0])


def test_a_moderator_may_publish_directly(client, site_tree, moderator):
    log_in(client, moderator)
    case = create_case(client, site_tree.cases, "Verdensmål i budgettet", action="publish")
    assert case.live


def test_a_case_section_made_after_the_migration_gets_the_workflow(site_tree):
    site_tree.cases.delete()
    section = CaseIndexPageFactory(parent=site_tree.home, slug="cases-igen")
    assert Page.objects.get(pk=section.pk).get_workflow().name == WORKFLOW


def test_an_editor_may_manage_taxonomy_images_and_documents_but_not_users(
    client, site_tree, editor
):
    log_in(client, editor)
    for url in (
        "/admin/snippets/taxonomy/theme/add/",
        "/admin/snippets/taxonomy/person/add/",
        "/admin/images/multiple/add/",
        "/admin/documents/multiple/add/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/users/").status_code in (302, 403)


def test_the_migration_step_gives_existing_sections_the_workflow_and_permissions(site_tree):
    from django.apps import apps

    from editorial.roles import set_up_roles

    WorkflowPage.objects.filter(page=site_tree.events).delete()
    GroupPagePermission.objects.filter(page=site_tree.events).delete()
    assert (
        site_tree.events.get_workflow() is None or site_tree.events.get_workflow().name != WORKFLOW
    )

    set_up_roles(apps)

    assert Page.objects.get(pk=site_tree.events.pk).get_workflow().name == WORKFLOW
    assert GroupPagePermission.objects.filter(page=site_tree.events).count() == 7
