from django.http import HttpResponse


def new_request(request):
    return HttpResponse("new")
