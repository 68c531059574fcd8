"""Moderation in the Wagtail admin: queue with filters, bulk actions and a count in the menu."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from redaktion.comments import services
from redaktion.comments.models import BlockedPattern, ClosedArticle, Comment


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_order = 250
    add_to_admin_menu = True
    list_per_page = 50
    # The e-mail address is never listed or exported: it is for moderators' eyes on one comment only.
    list_display = [
        "name",
        Column("__str__", label=_("comment")),
        "article",
        "status",
        Column("held_because", label=_("why held")),
        DateColumn("created_at", label=_("written at")),
    ]
    list_export = ["name", "website", "body", "status", "article", "created_at", "approved_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "body"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "article",
        "parent",
        "name",
        "email",
        "website",
        "body",
        "status",
        "created_at",
        "approved_at",
        "verdicts",
    ]

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class

        class CountingMenuItem(base):
            def render_component(self, request):
                component = super().render_component(request)
                pending = Comment.objects.pending().count()
                if pending:
                    component.label = f"{self.label} ({pending})"
                    component.attrs = {
                        **component.attrs,
                        "title": ngettext(
                            "%(n)d comment waiting for moderation",
                            "%(n)d comments waiting for moderation",
                            pending,
                        )
                        % {"n": pending},
                    }
                return component

        return CountingMenuItem

    def get_queryset(self, request):
        return Comment.objects.select_related("article")


class BlockedPatternViewSet(SnippetViewSet):
    model = BlockedPattern
    icon = "warning"
    add_to_admin_menu = True
    menu_order = 251
    list_display = ["pattern", "kind", "action", "note"]
    copy_view_enabled = False


class ClosedArticleViewSet(SnippetViewSet):
    model = ClosedArticle
    icon = "lock"
    add_to_admin_menu = True
    menu_order = 252
    list_display = ["article", "note", DateColumn("closed_at", label=_("closed at"))]
    copy_view_enabled = False


register_snippet(CommentViewSet)
register_snippet(BlockedPatternViewSet)
register_snippet(ClosedArticleViewSet)


class StatusBulkAction(SnippetBulkAction):
    models = [Comment]
    template_name = "comments/admin/confirm_bulk_status.html"
    service = None

    def check_perm(self, snippet):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", snippet
        )

    @classmethod
    def execute_action(cls, objects, **kwargs):
        changed = cls.service(comments=list(objects))
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"n": num_parent_objects}


@hooks.register("register_bulk_action")
class ApproveBulkAction(StatusBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected comments")
    action_priority = 10
    service = staticmethod(services.comment_approve)
    success_message = _("%(n)d comments approved.")


@hooks.register("register_bulk_action")
class RejectBulkAction(StatusBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject selected comments")
    action_priority = 20
    service = staticmethod(services.comment_reject)
    success_message = _("%(n)d comments rejected.")


@hooks.register("register_bulk_action")
class SpamBulkAction(StatusBulkAction):
    display_name = _("Spam")
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    action_priority = 25
    service = staticmethod(services.comment_mark_spam)
    success_message = _("%(n)d comments marked as spam.")
