"""Back-office URLs and menu for records of government information (/admin/records/...)."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from gongkai.disclosure import importer, views
from gongkai.disclosure.category_views import can_manage_categories, category_urlpatterns
from gongkai.disclosure.import_views import import_urlpatterns
from gongkai.disclosure.permissions import can_view_records
from gongkai.disclosure.report_views import report_urlpatterns
from gongkai.organisation.admin_menu import PermissionMenuItem

urlpatterns = [
    path("", views.record_index, name="disclosure_record_index"),
    path("add/", views.record_create, name="disclosure_record_create"),
    path("<int:pk>/", views.record_detail, name="disclosure_record_detail"),
    path("<int:pk>/edit/", views.record_edit, name="disclosure_record_edit"),
    path("<int:pk>/submit/", views.record_submit, name="disclosure_record_submit"),
    path("<int:pk>/approve/", views.record_approve, name="disclosure_record_approve"),
    path("<int:pk>/return/", views.record_return, name="disclosure_record_return"),
    path("<int:pk>/withdraw/", views.record_withdraw, name="disclosure_record_withdraw"),
    path("<int:pk>/revise/", views.record_revise, name="disclosure_record_revise"),
    path("<int:pk>/attachments/", views.attachment_add, name="disclosure_attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/remove/", views.attachment_remove,
         name="disclosure_attachment_remove"),
    path("reports/", include(report_urlpatterns)),
    path("import/", include(import_urlpatterns)),
    path("categories/", include(category_urlpatterns)),
    path("<int:pk>/findings/<int:finding_pk>/", views.finding_decide, name="disclosure_finding_decide"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("records/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_menu():
    return PermissionMenuItem("政府信息", "disclosure_record_index", can_view_records, icon_name="doc-full", order=150)


@hooks.register("register_admin_menu_item")
def register_report_menu():
    menu = Menu(items=[
        PermissionMenuItem("公开时效", "disclosure_report_timeliness", can_view_records, icon_name="time", order=10),
        PermissionMenuItem("不予公开复查", "disclosure_report_withheld", can_view_records, icon_name="lock", order=20),
        PermissionMenuItem("未解读的政策", "disclosure_report_interpretations_missing", can_view_records,
                           icon_name="help", order=30),
        PermissionMenuItem("解读发布滞后", "disclosure_report_interpretations_late", can_view_records,
                           icon_name="date", order=40),
        PermissionMenuItem("导出政务公开全清单", "disclosure_report_export", can_view_records,
                           icon_name="download", order=50),
        PermissionMenuItem("批量导入政府信息", "disclosure_import", importer.can_import, icon_name="upload", order=60),
        PermissionMenuItem("信息类别", "disclosure_category_index", can_manage_categories, icon_name="list-ul",
                           order=70),
    ])
    return SubmenuMenuItem("政务公开报表", menu, name="disclosure_reports", icon_name="table", order=160)
