from django.urls import path

from gongkai.portal import views

app_name = "portal"

urlpatterns = [
    path("elderly-mode/", views.elderly_mode, name="elderly_mode"),
]
