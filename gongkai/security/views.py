from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A forged or expired form post: explain in Chinese, change nothing."""
    return render(request, "security/csrf_failure.html", status=403)
