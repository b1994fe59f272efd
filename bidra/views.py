"""The start page and a health check (project level: it may show every stage)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from bidra.programmes.rules import open_calls


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"calls": open_calls(timezone.now())})


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
