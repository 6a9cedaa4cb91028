from django.http import HttpResponse


def home(request):
    return HttpResponse("home")


def display_preferences(request):
    return HttpResponse("prefs")


def agency_list(request):
    return HttpResponse("agencies")


def agency_detail(request, slug):
    return HttpResponse(slug)


def agency_guide(request, slug):
    return HttpResponse(slug)
