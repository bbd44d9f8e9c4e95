import pytest

from storefront import health

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_part_up(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert body["parts"]["database"] == "ok"
    assert body["parts"]["cache"] == "ok"
    assert body["parts"]["broker"] == ("eager" if settings.CELERY_TASK_ALWAYS_EAGER else "ok")
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_names_the_part_that_is_down(client, monkeypatch):
    def cache_down():
        raise ConnectionError("connection refused")

    monkeypatch.setitem(health.CHECKS, "cache", cache_down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert response.json()["parts"]["database"] == "ok"


def test_healthz_reports_an_unreachable_broker(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(health.celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]
