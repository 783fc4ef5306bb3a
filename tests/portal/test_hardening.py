"""Production hardening (issue 13): deploy checks, refused development keys, security headers, the admin's
lockout, Swagger UI without a CDN."""
import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client

from tests.servers import ROOT

PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "ID_HASH_KEY": secrets.token_urlsafe(30),
              "BEHIND_PROXY": "true", "ALLOWED_HOSTS": "gongshi.example.org", "DEBUG": ""}


def _manage(*args, **env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "LOG_LEVEL": "WARNING", **env})


def test_the_documented_production_settings_pass_the_deploy_checks():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["SECRET_KEY", "ID_HASH_KEY"])
def test_serving_beyond_this_machine_with_a_development_key_is_refused(name):
    result = _manage("check", **{**PRODUCTION, name: ""})
    assert result.returncode != 0 and f"{name} is the development key" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_code(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_swagger_ui_comes_from_our_own_static_files(client):
    page = client.get("/api/docs/").content.decode()
    assert "cdn" not in page.lower() and "drf_spectacular_sidecar" in page


@pytest.mark.django_db
def test_the_admin_locks_an_address_out_after_five_failed_logins(settings):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("staff", "staff@example.org", "right-password-1")
    client = Client(REMOTE_ADDR="10.9.8.7")
    login = f"/{settings.ADMIN_PATH}login/"
    for _ in range(5):
        client.post(login, {"username": "staff", "password": "wrong"})
    response = client.post(login, {"username": "staff", "password": "right-password-1"})
    assert response.status_code == 429
    other = Client(REMOTE_ADDR="10.9.8.8").post(login, {"username": "staff", "password": "right-password-1"})
    assert other.status_code == 302  # another address is not locked out
