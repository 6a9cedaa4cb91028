"""Rate limits of the public request pages, kept in Django's cache.

Two uses: limits on filing (applications per IP address per hour, per
applicant per day) and the lockout of the tracking page after repeated wrong
number/code pairs, so query codes cannot be guessed. Nothing personal goes
into a cache key: IP addresses and tracking numbers are hashed with the
secret key first, applicants are known by their ``applicant_key`` (already a
keyed hash).

A counter lives for its window from its first hit (a fixed window): the
cache's ``incr`` keeps the expiry set by ``add``.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most ``max_hits`` hits per ``window`` seconds; ``lockout`` seconds of refusal after."""

    name: str
    max_hits: int
    window: int
    lockout: int = 0

    def _key(self, subject: str) -> str:
        return f"requests_app:throttle:{self.name}:{subject}"

    def _lock_key(self, subject: str) -> str:
        return f"requests_app:lockout:{self.name}:{subject}"

    def count(self, subject: str) -> int:
        return cache.get(self._key(subject), 0)

    def exceeded(self, subject: str) -> bool:
        """Whether another hit would go over the limit (or a lockout is running)."""
        if self.lockout and cache.get(self._lock_key(subject)):
            return True
        return not self.lockout and self.count(subject) >= self.max_hits

    def hit(self, subject: str) -> int:
        """Count one hit; start the lockout when the limit is reached. Returns the count."""
        key = self._key(subject)
        cache.add(key, 0, timeout=self.window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self.window)
            count = 1
        if self.lockout and count >= self.max_hits:
            cache.set(self._lock_key(subject), True, timeout=self.lockout)
            cache.delete(key)
        return count

    def reset(self, subject: str) -> None:
        cache.delete_many([self._key(subject), self._lock_key(subject)])


# Filing (anti-abuse): checked before an application is saved, counted after.
SUBMISSIONS_PER_IP = Limit("submit-ip", max_hits=5, window=60 * 60)
SUBMISSIONS_PER_APPLICANT = Limit("submit-applicant", max_hits=10, window=24 * 60 * 60)

# Tracking: 5 wrong pairs within 15 minutes lock the address (and the number) for 15 minutes.
TRACKING_LOCKOUT_MINUTES = 15
TRACKING_FAILURES_PER_IP = Limit(
    "track-ip", max_hits=5, window=15 * 60, lockout=TRACKING_LOCKOUT_MINUTES * 60
)
TRACKING_FAILURES_PER_NUMBER = Limit(
    "track-number", max_hits=5, window=15 * 60, lockout=TRACKING_LOCKOUT_MINUTES * 60
)


def keyed_hash(value: str) -> str:
    """A hash of ``value`` keyed with the secret key: usable as a cache key, not reversible."""
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def client_key(request) -> str:
    """The visitor's IP address (``REMOTE_ADDR``; the proxy sets it), hashed."""
    return keyed_hash("ip:" + request.META.get("REMOTE_ADDR", ""))


# Filing ---------------------------------------------------------------------


def submission_allowed(client: str, applicant: str) -> bool:
    return not (
        SUBMISSIONS_PER_IP.exceeded(client) or SUBMISSIONS_PER_APPLICANT.exceeded(applicant)
    )


def record_submission(client: str, applicant: str) -> None:
    SUBMISSIONS_PER_IP.hit(client)
    SUBMISSIONS_PER_APPLICANT.hit(applicant)


# Tracking -------------------------------------------------------------------


def _number_key(number: str) -> str:
    return keyed_hash("track:" + number.strip())


def tracking_locked(client: str, number: str) -> bool:
    return TRACKING_FAILURES_PER_IP.exceeded(client) or TRACKING_FAILURES_PER_NUMBER.exceeded(
        _number_key(number)
    )


def record_tracking_failure(client: str, number: str) -> None:
    TRACKING_FAILURES_PER_IP.hit(client)
    TRACKING_FAILURES_PER_NUMBER.hit(_number_key(number))
