"""The statutory catalogue's categories in the back office.

The 15 Art. 20 categories are law (RULES.md §2): shown, never edited. Administrators and the OGI
office add and rename their agency's sub-categories under them.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from gongkai.disclosure import services
from gongkai.disclosure.models import Category
from gongkai.organisation import roles
from gongkai.organisation.permissions import forbidden_as_403, has_role, require


def can_manage_categories(user):
    return has_role(user, roles.ADMINISTRATOR, roles.OGI_OFFICE)


class SubCategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["parent", "name", "code", "sort_order"]
        help_texts = {"code": "英文字母、数字或连字符，例如 art20-6-food；保存后用于网址和数据接口，请不要随意更改。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Category.objects.filter(is_official=True)
        self.fields["parent"].required = True
        self.fields["parent"].label = "所属法定类别"

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Category.objects.filter(name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("已经有同名的类别，请换一个名称。")
        return name


@forbidden_as_403
def category_index(request):
    require(can_manage_categories(request.user))
    official = Category.objects.filter(is_official=True).prefetch_related("children")
    return render(request, "disclosure/admin/categories.html", {
        "page_title": "信息类别", "header_title": "信息类别", "official": official,
    })


@forbidden_as_403
def category_edit(request, pk=None):
    require(can_manage_categories(request.user))
    category = Category() if pk is None else get_object_or_404(Category, pk=pk, is_official=False)
    form = SubCategoryForm(request.POST or None, instance=Category.objects.get(pk=pk) if pk else None)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        saved = services.do_save_subcategory(request.user, category, data)
        messages.success(request, f"子类别“{saved.name}”已保存。")
        return redirect("disclosure_category_index")
    title = "新建子类别" if pk is None else f"修改子类别：{category.name}"
    return render(request, "gongkai_admin/form.html", {
        "form": form, "page_title": title, "header_title": title, "cancel_url": reverse("disclosure_category_index"),
    })


category_urlpatterns = [
    path("", category_index, name="disclosure_category_index"),
    path("add/", category_edit, name="disclosure_category_create"),
    path("<int:pk>/", category_edit, name="disclosure_category_edit"),
]
