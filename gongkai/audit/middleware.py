from gongkai.audit import context


class AuditContextMiddleware:
    """Makes the request available to audit.services.record so entries know where an action came from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = context.set_request(request)
        try:
            return self.get_response(request)
        finally:
            context.reset(token)
