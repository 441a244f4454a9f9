"""Back-office screens for letter templates (RULES.md §3.3): list, edit, preview, reset to the built-in text.

Only the administrator and the OGI office may open them (permissions.can_edit_letter_templates);
others get the Chinese 403 page. Thin views: validation and saving live in letters.py
(check_template, do_save_template, do_reset_template), which write the audit entry. A preview
renders the text with a sample application held in memory; nothing is saved.

Mounted by the lead engineer under /admin/applications/letter-templates/ (letter_template_urlpatterns).
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse

from gongkai.applications import documents, letter_defaults, letters
from gongkai.applications import permissions as perms
from gongkai.applications.errors import Refused
from gongkai.applications.models import LetterTemplate
from gongkai.organisation.permissions import forbidden_as_403, require


class LetterTemplateForm(forms.Form):
    title = forms.CharField(label="标题", max_length=letters.TITLE_MAX, required=False)
    body = forms.CharField(
        label="正文", required=False, widget=forms.Textarea(attrs={"rows": 18}),
        help_text="每行是一段。称呼（收件人）、落款机关和日期由系统自动排版，不必写在正文里。"
                  "可用 {字段名} 插入申请信息，见下方的字段说明。",
    )

    def __init__(self, *args, key, **kwargs):
        super().__init__(*args, **kwargs)
        self.key = key

    def clean(self):
        data = super().clean()
        try:
            data["title"], data["body"] = letters.check_template(self.key, data.get("title"), data.get("body"))
        except Refused as exc:
            raise forms.ValidationError(str(exc)) from None
        return data


def _key(slug):
    key = letters.key_from_slug(slug)
    if key is None:
        raise Http404("没有这个文书模板。")
    return key


def _require_editor(request):
    require(perms.can_edit_letter_templates(request.user))


def _edit_page(request, key, form, status=200):
    stored = letters.stored_template(key.kind, key.outcome)
    default_title, default_body = letter_defaults.default(key.kind, key.outcome)
    title = f"编辑文书模板：{key.label}"
    return render(request, "applications/admin/letter_templates_edit.html", {
        "page_title": title, "header_title": title, "key": key, "form": form, "stored": stored,
        "default_title": default_title, "default_body": default_body,
        "placeholders": letter_defaults.placeholders_for(key.kind),
        "index_url": reverse("applications_letter_template_index"),
    }, status=status)


@forbidden_as_403
def letter_template_index(request):
    """Every template (each kind; each reply outcome), and whether the built-in or an edited text is in force."""
    _require_editor(request)
    stored = {(t.kind, t.outcome): t for t in LetterTemplate.objects.select_related("updated_by")}
    rows = [{"key": key, "stored": stored.get((key.kind, key.outcome))} for key in letters.template_keys()]
    return render(request, "applications/admin/letter_templates.html", {
        "page_title": "文书模板", "header_title": "文书模板",
        "letter_rows": [r for r in rows if not r["key"].outcome],
        "reply_rows": [r for r in rows if r["key"].outcome],
        "edited_count": sum(1 for r in rows if r["stored"] is not None),
    })


@forbidden_as_403
def letter_template_edit(request, key):
    """Edit a template's title and body; unknown placeholders and an empty body are refused, nothing saved."""
    _require_editor(request)
    key = _key(key)
    if request.method == "POST" and request.POST.get("action") == "back":
        # Back from a preview of unsaved text: show that text again, save nothing.
        initial = {"title": request.POST.get("title", ""), "body": request.POST.get("body", "")}
        return _edit_page(request, key, LetterTemplateForm(initial=initial, key=key))
    if request.method == "POST":
        form = LetterTemplateForm(request.POST, key=key)
        if form.is_valid():
            try:
                letters.do_save_template(request.user, key, form.cleaned_data["title"], form.cleaned_data["body"])
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"“{key.label}”已保存，今后出具的文书使用修改后的文本。")
                return redirect("applications_letter_template_edit", key.slug)
        return _edit_page(request, key, form)
    title, body = letters.template_for(key.kind, key.outcome)
    return _edit_page(request, key, LetterTemplateForm(initial={"title": title, "body": body}, key=key))


@forbidden_as_403
def letter_template_reset(request, key):
    """Delete the edited text so the built-in one is in force again (asks first on GET)."""
    _require_editor(request)
    key = _key(key)
    if request.method == "POST":
        try:
            reset = letters.do_reset_template(request.user, key)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            if reset:
                messages.success(request, f"“{key.label}”已恢复为系统默认文本。")
            else:
                messages.info(request, f"“{key.label}”本来就在使用系统默认文本，无需恢复。")
        return redirect("applications_letter_template_edit", key.slug)
    title = f"恢复默认文本：{key.label}"
    return render(request, "applications/admin/letter_templates_reset.html", {
        "page_title": title, "header_title": title, "key": key,
        "stored": letters.stored_template(key.kind, key.outcome),
    })


@forbidden_as_403
def letter_template_preview(request, key):
    """The template filled in with a sample application, as the letter will look; nothing is saved.

    GET previews the text in force; POST previews the text in the edit form (not yet saved).
    """
    _require_editor(request)
    key = _key(key)
    if request.method == "POST":
        form = LetterTemplateForm(request.POST, key=key)
        if not form.is_valid():
            return _edit_page(request, key, form)
        title, body, unsaved = form.cleaned_data["title"], form.cleaned_data["body"], True
    else:
        title, body = letters.template_for(key.kind, key.outcome)
        form, unsaved = LetterTemplateForm(initial={"title": title, "body": body}, key=key), False
    letter = letters.preview_letter(key, title, body)
    page_title = f"预览：{key.label}"
    return render(request, "applications/admin/letter_templates_preview.html", {
        "page_title": page_title, "header_title": page_title, "key": key, "form": form, "unsaved": unsaved,
        "sheet": documents.letter_parts(letter),
    })


letter_template_urlpatterns = [
    path("", letter_template_index, name="applications_letter_template_index"),
    path("<str:key>/", letter_template_edit, name="applications_letter_template_edit"),
    path("<str:key>/reset/", letter_template_reset, name="applications_letter_template_reset"),
    path("<str:key>/preview/", letter_template_preview, name="applications_letter_template_preview"),
]
