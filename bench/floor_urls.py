"""The product's URLconf with the framework-floor view (bench/floor.py) in front of it."""

from django.urls import path

from bench.floor import URL_PREFIX, floor_view
from gongkai.urls import handler403, handler404, handler500
from gongkai.urls import urlpatterns as product_urlpatterns

urlpatterns = [path(f"{URL_PREFIX}<str:name>", floor_view, name="bench_floor"), *product_urlpatterns]

__all__ = ["urlpatterns", "handler403", "handler404", "handler500"]
