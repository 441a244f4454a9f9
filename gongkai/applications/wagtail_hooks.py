"""Back-office URLs and menu for disclosure applications (/admin/applications/...)."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from gongkai.applications import permissions, proposals, views
from gongkai.applications.letter_views import letter_template_urlpatterns
from gongkai.applications.workbench_views import workbench_urlpatterns
from gongkai.organisation.admin_menu import PermissionMenuItem

case_urlpatterns = [
    path("register/", views.register, name="applications_register"),
    path("<int:pk>/", views.detail, name="applications_detail"),
    path("<int:pk>/identity/", views.identity, name="applications_identity"),
    path("<int:pk>/proofs/<int:proof_pk>/", views.proof_download, name="applications_proof"),
    path("letters/<int:pk>/<str:ext>/", views.letter_download, name="applications_letter_download"),
    path("<int:pk>/classify/", views.classify, name="applications_classify"),
    path("<int:pk>/petition/", views.petition, name="applications_petition"),
    path("<int:pk>/pass-on/", views.pass_on, name="applications_pass_on"),
    path("<int:pk>/confirm-receipt/", views.confirm_receipt, name="applications_confirm_receipt"),
    path("<int:pk>/assign/", views.assign, name="applications_assign"),
    path("<int:pk>/correction/", views.correction, name="applications_correction"),
    path("<int:pk>/correction/received/", views.correction_received, name="applications_correction_received"),
    path("<int:pk>/correction/overdue/", views.correction_overdue, name="applications_correction_overdue"),
    path("<int:pk>/consultations/", views.consultation, name="applications_consultation"),
    path("<int:pk>/consultations/<int:cpk>/answer/", views.consultation_answer,
         name="applications_consultation_answer"),
    path("<int:pk>/fee/", views.fee, name="applications_fee"),
    path("<int:pk>/fee/paid/", views.fee_paid, name="applications_fee_paid"),
    path("<int:pk>/fee/unpaid/", views.fee_unpaid, name="applications_fee_unpaid"),
    path("<int:pk>/extension/", views.extension, name="applications_extension"),
    path("<int:pk>/art35/", views.art35, name="applications_art35"),
    path("<int:pk>/draft/", views.draft, name="applications_draft"),
    path("<int:pk>/submit/", views.submit, name="applications_submit"),
    path("<int:pk>/review/", views.review, name="applications_review"),
    path("<int:pk>/approve/", views.approve, name="applications_approve"),
    path("<int:pk>/reply/", views.reply, name="applications_reply"),
    path("<int:pk>/archive/", views.archive, name="applications_archive"),
    path("<int:pk>/remedies/", views.remedy, name="applications_remedy"),
    path("<int:pk>/remedies/<int:rpk>/", views.remedy_update, name="applications_remedy_update"),
]

urlpatterns = case_urlpatterns + [
    path("", include(workbench_urlpatterns)),
    path("letter-templates/", include(letter_template_urlpatterns)),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("applications/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_menu():
    """依申请公开: the workbench (the list), registration, letter templates and the Art. 44 proposals."""
    menu = Menu(items=[
        PermissionMenuItem("申请工作台", "applications_index", permissions.can_view_applications, icon_name="list-ul",
                           order=10),
        PermissionMenuItem("登记申请", "applications_register", permissions.can_register, icon_name="plus", order=20),
        PermissionMenuItem("文书模板", "applications_letter_template_index", permissions.can_edit_letter_templates,
                           icon_name="form", order=30),
        PermissionMenuItem("转主动公开建议", "applications_proposals", proposals.can_view_proposals,
                           icon_name="doc-full", order=40),
    ])
    return SubmenuMenuItem("依申请公开", menu, name="applications", icon_name="mail", order=155)
