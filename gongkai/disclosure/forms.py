from django import forms
from wagtail.admin.rich_text import DraftailRichTextArea

from gongkai.disclosure.models import Category, InformationRecord, Interpretation
from gongkai.disclosure.permissions import DRAFTING_ROLES
from gongkai.organisation.models import Department
from gongkai.organisation.permissions import role_of, visible_department_ids

RECORD_FIELDS = [
    "kind", "title", "document_number", "issuing_body", "department", "category", "topics", "attribute",
    "attribute_basis", "review_due_on", "formed_on", "changed_on", "validity", "summary", "body",
]


class RecordForm(forms.ModelForm):
    """The drafter's form. Departments are limited to those the user may draft for."""

    class Meta:
        model = InformationRecord
        fields = RECORD_FIELDS
        widgets = {
            "formed_on": forms.DateInput(attrs={"type": "date"}),
            "changed_on": forms.DateInput(attrs={"type": "date"}),
            "review_due_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": DraftailRichTextArea(features=["h2", "h3", "bold", "italic", "ol", "ul", "link"]),
        }

    replaced_by_index_number = forms.CharField(
        label="替代文件的索引号", max_length=100, required=False,
        help_text="有效性为“失效”“废止”或“已修订”且有新文件替代时填写，公开页面会链接到新文件。",
    )
    policy_index_number = forms.CharField(
        label="所解读政策的索引号", max_length=100, required=False,
        help_text="类型为“政策解读”时填写：被解读的政策文件的索引号（在政府信息列表中可以查到）。",
    )
    interpretation_form = forms.ChoiceField(label="解读形式", choices=Interpretation.FORM_CHOICES, required=False)
    interpretation_stage = forms.ChoiceField(label="解读阶段", choices=Interpretation.STAGE_CHOICES, required=False)
    interpreter = forms.CharField(label="解读人", max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        details = getattr(self.instance, "interpretation", None) if self.instance.pk else None
        if self.instance.pk and self.instance.replaced_by_id:
            self.initial["replaced_by_index_number"] = self.instance.replaced_by.index_number
        if details is not None:
            self.initial.update({
                "policy_index_number": details.policy.index_number, "interpretation_form": details.form,
                "interpretation_stage": details.stage, "interpreter": details.interpreter,
            })
        ids = visible_department_ids(user)
        departments = Department.objects.filter(is_active=True)
        if ids is not None:
            departments = departments.filter(pk__in=ids)
        if role_of(user) not in DRAFTING_ROLES:
            departments = departments.none()
        self.fields["department"].queryset = departments
        self.fields["category"].queryset = Category.objects.select_related("parent").order_by("sort_order", "pk")
        self.fields["body"].required = False

    def clean(self):
        data = super().clean()
        if data.get("attribute") == "withheld" and not data.get("review_due_on"):
            self.add_error("review_due_on", "不予公开的信息必须填写复查日期（条例第十八条）。")
        if data.get("attribute") != "proactive" and not data.get("attribute_basis"):
            self.add_error("attribute_basis", "依申请公开或不予公开的信息，请写明依据。")
        if data.get("changed_on") and data.get("formed_on") and data["changed_on"] < data["formed_on"]:
            self.add_error("changed_on", "变更日期不能早于生成日期。")
        data["replaced_by"] = None
        replacement = (data.get("replaced_by_index_number") or "").strip()
        if replacement:
            data["replaced_by"] = InformationRecord.objects.filter(index_number=replacement).first()
            if data["replaced_by"] is None:
                self.add_error("replaced_by_index_number", "没有找到这个索引号的政府信息。")
            elif data.get("validity") == "valid":
                self.add_error("replaced_by_index_number",
                               "有效的文件不会被替代：请先把有效性改为“失效”“废止”或“已修订”。")
        data["interpretation"] = None
        if data.get("kind") == "interpretation":
            number = (data.get("policy_index_number") or "").strip()
            policy = InformationRecord.objects.filter(index_number=number, kind="document").first() if number else None
            if policy is None:
                self.add_error("policy_index_number", "请填写已发布政策文件的索引号；没有找到这个索引号的政策文件。")
            else:
                data["interpretation"] = {
                    "policy": policy, "form": data.get("interpretation_form") or "text",
                    "stage": data.get("interpretation_stage") or "during", "interpreter": data.get("interpreter", ""),
                }
        return data


class ApproveForm(forms.Form):
    checked_content = forms.BooleanField(label="内容审查：内容准确、完整，没有不应公开的内容", required=False)
    checked_timing = forms.BooleanField(label="时机审查：现在公开合适，不影响正在进行的工作", required=False)
    checked_method = forms.BooleanField(label="方式审查：公开的类别、范围和方式正确", required=False)
    checked_confidentiality = forms.BooleanField(label="保密审查：不涉及国家秘密、工作秘密和商业秘密", required=False)
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    publish_at = forms.DateTimeField(
        label="定时发布（可选）", required=False, help_text="不填则审核通过后立即发布。",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(label="退回意见", widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "请写明需要修改的地方。"})


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=300, required=False)


class WithdrawForm(forms.Form):
    note = forms.CharField(label="向公众说明的撤回理由", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "撤回时必须填写向公众说明的理由。"})
