"""Public pages of disclosure applications, mounted at /yisqgk/ (filled in by the public views)."""

app_name = "applications"
urlpatterns = []
