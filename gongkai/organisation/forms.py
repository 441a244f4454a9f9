from django import forms
from django.contrib.auth import get_user_model, password_validation

from gongkai.disclosure.index_numbers import check_pattern
from gongkai.organisation import roles
from gongkai.organisation.models import Agency, Department

AGENCY_FIELDS = [
    "name", "site_name", "domain", "site_id_code", "icp_number", "police_number", "address", "postcode",
    "office_hours", "description", "ogi_office_name", "ogi_address", "ogi_hours", "ogi_phone", "ogi_fax", "ogi_email",
    "index_code", "index_number_pattern",
]


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = AGENCY_FIELDS

    def clean_index_number_pattern(self):
        pattern = self.cleaned_data["index_number_pattern"]
        problems = check_pattern(pattern)
        if problems:
            raise forms.ValidationError(problems)
        return pattern


class DepartmentForm(forms.ModelForm):
    """The administrator's form: every field."""

    class Meta:
        model = Department
        fields = ["name", "code", "parent", "functions", "head_name", "phone", "address", "sort_order", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Department.objects.all()
        if self.instance.pk:
            parents = parents.exclude(pk__in=self.instance.descendant_ids())
        self.fields["parent"].queryset = parents


class DepartmentContactForm(forms.ModelForm):
    """A department head's form: the public entries of their own department only."""

    class Meta:
        model = Department
        fields = ["functions", "head_name", "phone", "address"]


class StaffForm(forms.Form):
    full_name = forms.CharField(label="姓名", max_length=150)
    email = forms.EmailField(label="电子邮箱", required=False)
    phone = forms.CharField(label="联系电话", max_length=50, required=False)
    role = forms.ChoiceField(label="角色", choices=roles.ROLE_CHOICES)
    department = forms.ModelChoiceField(
        label="所属部门", queryset=Department.objects.filter(is_active=True), required=False,
        help_text="部门编辑、审核人和负责人必须选择部门。",
    )
    is_active = forms.BooleanField(label="账号启用", required=False, initial=True)

    def clean(self):
        data = super().clean()
        if data.get("role") in roles.DEPARTMENT_SCOPED and not data.get("department"):
            self.add_error("department", "部门编辑、审核人和负责人必须选择所属部门。")
        return data


class StaffCreateForm(StaffForm):
    username = forms.RegexField(
        label="登录账号", max_length=150, regex=r"^[A-Za-z0-9_.-]+$",
        error_messages={"invalid": "登录账号只能包含英文字母、数字、下划线、点和连字符。"},
    )
    password1 = forms.CharField(label="初始密码", widget=forms.PasswordInput, strip=False,
                                help_text="至少 10 位，不能是常见密码，也不能与账号或姓名相近。")
    password2 = forms.CharField(label="再次输入密码", widget=forms.PasswordInput, strip=False)

    field_order = ["username", "full_name", "email", "phone", "role", "department", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["is_active"]  # a new account starts active

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("该登录账号已被使用，请换一个。")
        return username

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "两次输入的密码不一致。")
        elif p1:
            candidate = get_user_model()(username=data.get("username", ""), first_name=data.get("full_name", ""),
                                         email=data.get("email", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
