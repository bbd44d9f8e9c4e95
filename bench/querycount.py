"""Counts the SQL queries of each request and reports them in an ``X-Queries`` header.

Enabled only by the bench settings (bench/haat_settings.py, bench/peer/peershop/settings.py),
never in the shop's own settings: the load generator reads the header of a warm request.
"""

from django.db import connections


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        wrappers = [conn.execute_wrapper(counter) for conn in connections.all()]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        response["X-Queries"] = str(count[0])
        return response
