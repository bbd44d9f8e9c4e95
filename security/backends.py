"""django-axes' backend, tolerant of code that authenticates without a request."""

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """Counts and refuses web sign-in attempts; stands aside when there is no request.

    Oscar's registration view signs the new shopper in by calling ``authenticate()`` without the
    request (oscar.apps.customer.mixins.RegisterUserMixin), and axes' own backend raises on that,
    so registering failed with a server error. With no request there is no visitor's address to
    count attempts from and the password was just chosen on a form, so the remaining backends
    decide as they would without axes.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
