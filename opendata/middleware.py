"""HEAD for the API: answered as its GET, without the body (RFC 9110 §9.3.2).

Ninja routes each operation by method and would answer 405 to HEAD, which
crawlers and link checkers send, and which CORS allows.
"""

API_PREFIX = "/api/"


class HeadAsGetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD" or not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
