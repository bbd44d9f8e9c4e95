"""Production settings are safe to deploy (DESIGN.md section 3)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    # Not this run's settings, and not the localstripe addresses tests/support/stripe.py puts in
    # the environment for the workers it starts: the child reads only what each test passes.
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_URL", "STRIPE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120,
    )


PROD = {
    "DJANGO_ENV": "prod",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "haat.example",
    "DATABASE_URL": "sqlite:////tmp/haat-check-deploy.sqlite3",
    "IDENTITY_KEYS": "Tm90LWEtcmVhbC1rZXktYnV0LTMyLWJ5dGVzLWxvbmc=",
    "STRIPE_SECRET_KEY": "sk_live_example",
    "STRIPE_PUBLISHABLE_KEY": "pk_live_example",
    "STRIPE_WEBHOOK_SECRET": "whsec_example",
}


def test_prod_settings_pass_check_deploy_with_zero_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PROD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_prod_refuses_to_start_without_a_secret_key():
    env = dict(PROD)
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_prod_refuses_to_start_without_stripe_keys():
    env = dict(PROD)
    del env["STRIPE_SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "STRIPE_SECRET_KEY" in result.stderr


def test_dev_settings_would_fail_check_deploy():
    """The check above can fail: the development defaults are not deployable."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_ENV="dev")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS in development


def test_prod_refuses_to_start_without_identity_keys():
    env = dict(PROD)
    del env["IDENTITY_KEYS"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "IDENTITY_KEYS" in result.stderr


def test_prod_refuses_an_identity_key_that_is_not_a_fernet_key():
    result = manage("check", **{**PROD, "IDENTITY_KEYS": "hunter2"})
    assert result.returncode != 0
    assert "not a Fernet key" in result.stderr
