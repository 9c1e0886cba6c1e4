"""The portal's editorial set-up: who may do what, and the moderation workflow of the sections.

- `Redaktører` write: they create and edit cases, research and events (the pages under the
  case, research and event sections), the taxonomy's snippets, images and documents, and
  submit pages for moderation. They never publish.
- `Moderatorer` also publish, unpublish and lock; the workflow `Moderering` asks them to
  approve what the editors submit.

The page permissions and the workflow belong to the section pages, not to the root: the
editors thus cannot touch the home page, the standard pages or the network page, and a
section created later (the demo is loaded after `migrate`) gets both when it is created
(editorial.signals). Everything here takes the app registry as an argument, so the data
migration runs it with the historical models and the signal with the real ones; every step
is a get-or-create, so running it again changes nothing.
"""

from __future__ import annotations

EDITORS = "Redaktører"
MODERATORS = "Moderatorer"
WORKFLOW = "Moderering"
TASK = "Godkendelse af Moderatorer"

# (app_label, model) of the section pages whose subtrees the editors work in.
SECTION_PAGE_TYPES = (
    ("cases", "caseindexpage"),
    ("cases", "researchindexpage"),
    ("events", "eventindexpage"),
)

TAXONOMY_MODELS = ("sdggoal", "theme", "municipality", "organisation", "person")

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ("publish_page", "lock_page", "unlock_page")

EDITOR_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
MODERATOR_COLLECTION_PERMISSIONS = EDITOR_COLLECTION_PERMISSIONS + (
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
)

EDITOR_MODEL_PERMISSIONS = ("wagtailadmin.access_admin",) + tuple(
    f"taxonomy.{action}_{model}"
    for model in TAXONOMY_MODELS
    for action in ("add", "change", "view")
)
MODERATOR_MODEL_PERMISSIONS = EDITOR_MODEL_PERMISSIONS + tuple(
    f"taxonomy.delete_{model}" for model in TAXONOMY_MODELS
)

ROLES = {
    EDITORS: (EDITOR_MODEL_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS, EDITOR_PAGE_PERMISSIONS),
    MODERATORS: (
        MODERATOR_MODEL_PERMISSIONS,
        MODERATOR_COLLECTION_PERMISSIONS,
        MODERATOR_PAGE_PERMISSIONS,
    ),
}


def permission(apps, name: str):
    """The Permission 'app_label.codename', made if missing: Django creates permissions only
    after the last migration, and a fresh database runs this before then."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = name.split(".")
    action, _, model = codename.partition("_")
    if app_label == "wagtailadmin":  # access_admin hangs on wagtailadmin's Admin model
        model = "admin"
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action.replace('_', ' ')} {model}"},
    )
    return found


def set_up_roles(apps) -> None:
    """The two groups, their permissions, the workflow, and every existing section's share."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    for name, (model_permissions, collection_permissions, _pages) in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(apps, perm) for perm in model_permissions))
        for perm in collection_permissions if root_collection else ():
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(apps, perm)
            )
    set_up_workflow(apps)
    for page in section_pages(apps):
        set_up_section(apps, page)


def set_up_workflow(apps):
    """`Moderering`: one task, approved by the Moderatorer."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(Group.objects.get(name=MODERATORS))
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def section_pages(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    types = [
        content_type
        for app_label, model in SECTION_PAGE_TYPES
        for content_type in ContentType.objects.filter(app_label=app_label, model=model)
    ]
    return Page.objects.filter(content_type__in=types)


def set_up_section(apps, page) -> None:
    """Give a section page the moderation workflow (unless it already has one, chosen in the
    admin) and the groups their permissions on it and the pages under it. Nothing happens
    for a group or workflow an administrator deleted."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow})
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLES)}
    for name, (_models, _collections, page_permissions) in ROLES.items():
        if name not in groups:
            continue
        for codename in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page_id=page.pk,
                permission=permission(apps, f"wagtailcore.{codename}"),
            )
