from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def check_secret_key():
    """Fail fast when SECRET_KEY is missing.

    Django signs sessions with settings.SECRET_KEY; see the SECRET_KEY docs.
    """
    if not settings.SECRET_KEY:
        raise ImproperlyConfigured("The SECRET_KEY setting must not be empty.")
    if settings.SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured("Replace the django-insecure- key before deploying.")
    return len(settings.SECRET_KEY) >= 50
