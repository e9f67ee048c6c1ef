from django.conf import settings


def desk(request):
    """The organisation's name for every template."""
    return {"organization": settings.FACTCHECK_ORGANIZATION}
