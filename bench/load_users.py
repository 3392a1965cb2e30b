"""The simulated people of the load benchmark: who they are (a signed-in session made in the
database), what they open, and the threads that run them against gunicorn on loopback with the
standard library's http.client only."""

import http.client
import itertools
import json
import random
import re
import statistics
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:  # Django is set up only once the benchmark runs
    from collegium.accounts.models import User

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SHARES = {"public": 0.3, "head": 0.3, "reviewer": 0.3, "coordinator": 0.06, "moderator": 0.04}


@dataclass
class Session:
    """One simulated person: the pages they open, their session cookie, and for a reviewer the
    review whose evidence they write and its strands."""

    kind: str
    pages: list[str]
    cookie: str = ""
    evidence: str = ""  # the autosave address
    strands: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Phase:
    users: int
    minutes: float


def sessions_for(network: Any, visits: Any) -> dict[str, list[Session]]:
    """A pool of people of each kind, each with a session in the database."""
    from django.urls import reverse

    from collegium.frameworks.models import Strand

    version = network.version
    strands = list(Strand.objects.filter(area__version=version).values_list("pk", flat=True))
    rng = random.Random(7)
    pools: dict[str, list[Session]] = {kind: [] for kind in SHARES}
    for review in rng.sample(network.reviews[len(visits.visits) :], 100):
        school = reverse("schools:detail", args=[review.school_id])
        pools["public"].append(
            Session("public", ["/", school, reverse("schools:search") + "?q=academy",
                               reverse("reports:published"), reverse("frameworks:list")])
        )  # fmt: skip
        plan = next(p for p in network.plans if p.review_id == review.pk)
        head = _signed_in(network.leader[review.school_id])
        pages = ["/", reverse("improvement:plans"), reverse("improvement:plan", args=[plan.pk])]
        pages += [school, reverse("reports:report", args=[review.pk]), reverse("reviews:list")]
        pools["head"].append(Session("head", pages, head))
    for review in visits.visits:  # its two peers
        for place in visits.team_of[review.pk][1:]:
            page = reverse("reviews:evidence", args=[review.pk])
            session = Session("reviewer", [page], _signed_in(place.reviewer.user))
            session.evidence = reverse("reviews:evidence-save", args=[review.pk])
            session.strands = strands
            pools["reviewer"].append(session)
    for cluster_id, user in itertools.islice(visits.coordinators.items(), 20):
        pages = [reverse("allocations:cluster", args=[cluster_id]), reverse("reviews:list")]
        pages += [reverse("improvement:cluster", args=[cluster_id]), "/"]
        pools["coordinator"].append(Session("coordinator", pages, _signed_in(user)))
    moderator = _signed_in(visits.moderator)
    review_page = reverse("reviews:detail", args=[network.reviews[-1].pk])
    pages = [reverse("quality:home"), reverse("reviews:list"), review_page, "/"]
    pools["moderator"] = [Session("moderator", pages, moderator) for _ in range(10)]
    return pools


def _signed_in(user: "User") -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


class Tally:
    """Every request's time and outcome, and every acknowledged autosave, shared by threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.errors: list[str] = []
        self.saves: dict[int, tuple[int, str]] = {}  # note → (revision, text) last acknowledged

    def request(self, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.times.append(seconds)
            if problem:
                self.errors.append(problem)


def run_phase(
    port: int, pools: dict[str, list[Session]], phase: Phase, think: tuple[float, float]
) -> dict[str, Any]:
    """`phase.users` threads for `phase.minutes`, kinds in the proportions of SHARES."""
    tally, stop_at = Tally(), time.monotonic() + 60 * phase.minutes
    counts = {kind: max(1, round(share * phase.users)) for kind, share in SHARES.items()}
    counts["public"] += phase.users - sum(counts.values())
    threads = []
    for kind, count in counts.items():
        for n in range(count):
            person = pools[kind][n % len(pools[kind])]
            rng = random.Random(f"{kind}{n}{phase.users}")
            args = (port, person, tally, stop_at, think, rng)
            threads.append(threading.Thread(target=_person, args=args, daemon=True))
    started = time.monotonic()
    for thread in threads:
        thread.start()
        time.sleep(0.05)  # people arrive over a few seconds, not in one instant
    for thread in threads:
        thread.join()
    return _figures(phase.users, tally, time.monotonic() - started)


def _figures(users: int, tally: Tally, seconds: float) -> dict[str, Any]:
    times = sorted(tally.times) or [0.0]
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {
        "users": users,
        "requests": len(tally.times),
        "errors": len(tally.errors),
        "rps": round(len(tally.times) / seconds, 1),
        "p50_ms": round(1000 * cuts[49], 1),
        "p95_ms": round(1000 * cuts[94], 1),
        "p99_ms": round(1000 * cuts[98], 1),
        "autosaves": sum(1 for _ in tally.saves),
        "error_examples": sorted(set(tally.errors))[:5],
        "saves": tally.saves,
    }


def _person(
    port: int,
    person: Session,
    tally: Tally,
    stop_at: float,
    think: tuple[float, float],
    rng: random.Random,
) -> None:
    client = Client(port, person.cookie, tally)
    step: Callable[[], object] = (
        Writer(client, person, tally, rng).step
        if person.kind == "reviewer"
        else lambda: client.get(rng.choice(person.pages))
    )
    while time.monotonic() < stop_at:
        step()
        time.sleep(rng.uniform(*think))


class Client:
    """One person's connection: their cookies, timed requests, problems counted as errors."""

    def __init__(self, port: int, cookie: str, tally: Tally) -> None:
        self.port, self.tally = port, tally
        self.cookies = dict([cookie.split("=", 1)]) if cookie else {}

    def get(self, path: str) -> str:
        return self.send("GET", path, None)[1]

    def send(self, method: str, path: str, form: dict[str, Any] | None) -> tuple[int, str]:
        body = urlencode(form, doseq=True) if form is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started, problem, status, text = time.perf_counter(), None, 0, ""
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            status, text = response.status, response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, value = header.split(";", 1)[0].split("=", 1)
                self.cookies[name] = value
            connection.close()
            if status >= 400 and status != 409:  # a conflict is an answer, not an error
                problem = f"{status} {method} {path}"
        except OSError as error:
            problem = f"{type(error).__name__} {method} {path}"
        self.tally.request(time.perf_counter() - started, problem)
        return status, text


class Writer:
    """A reviewer: opens the evidence page, then types, autosaving a note as the page's script
    does, starting a new note now and then."""

    def __init__(self, client: Client, person: Session, tally: Tally, rng: random.Random) -> None:
        self.client, self.person, self.tally, self.rng = client, person, tally, rng
        self.token, self.revision, self.text, self.key = "", 0, "", ""
        self.note: int | None = None

    def step(self) -> None:
        if not self.token or self.rng.random() < 0.1:
            found = TOKEN.search(self.client.get(self.person.pages[0]))
            self.token = found.group(1) if found else ""
            self.note, self.text, self.key = None, "", uuid.uuid4().hex
            return
        self.text += f" Observed {self.rng.randrange(1000)}."
        form = {
            "csrfmiddlewaretoken": self.token,
            "text": self.text.strip(),
            "strands": self.rng.sample(self.person.strands, 1),
            "note": self.note or "",
            "base_revision": self.revision if self.note else "",
            "client_key": self.key,
        }
        status, body = self.client.send("POST", self.person.evidence, form)
        if status == 200:
            answer = json.loads(body)
            self.note, self.revision = int(answer["note"]), int(answer["revision"])
            with self.tally.lock:
                self.tally.saves[self.note] = (self.revision, self.text.strip())
