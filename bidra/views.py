"""The start page and health checks (project level: it may show every stage)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from bidra.programmes.rules import open_calls


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"calls": open_calls(timezone.now())})


def livez(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers through the whole middleware stack, without touching the database.

    For a load balancer's frequent probe (healthz also checks the database), and the benchmarks'
    bare-view baseline (bench/surge.py, bench/worklist.py).
    """
    return HttpResponse("ok", content_type="text/plain")


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
