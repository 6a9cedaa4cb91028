from django.http import HttpResponse


def entry_list(request):
    return HttpResponse("list")


def entry_detail(request, index_number):
    return HttpResponse(index_number)


def attachment_download(request, index_number, pk):
    return HttpResponse(index_number)
