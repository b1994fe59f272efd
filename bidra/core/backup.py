"""Backup and restore: every model's rows and every private file in one .tar.gz archive.

The archive holds ``manifest.json`` first (format version, migration state per app, rows per
model, SHA-256 and size of every other member), then ``data.jsonl`` (every row of every model in
Django's JSON-lines serialization, parents before children, each model ordered by primary key,
with primary keys kept so the event chain, content types and links read back unchanged) and then
``files/<path>`` for every file under PRIVATE_FILES_ROOT.

This module uses the app registry only, never another app's code, so it can stay on the ground
floor; the audit chain is verified through the ``verify_audit`` command by name.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import files

FORMAT = "bidra-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
FILES = "files/"
CHUNK = 1024 * 1024
# Rows that `migrate` itself writes (content types, permissions, the event chain's empty head);
# a database holding only these counts as empty.
MIGRATE_ROWS = {"contenttypes.contenttype", "auth.permission", "audit.chainhead"}


class BackupError(Exception):
    """The archive cannot be made or restored; the message says why, in plain words."""


class ExactJSONEncoder(DjangoJSONEncoder):
    """Keeps microseconds: Django's encoder cuts times to milliseconds, which would change hashed events."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            if timezone.is_aware(o):
                o = o.astimezone(timezone.get_fixed_timezone(0))
            return o.isoformat()
        if isinstance(o, time):
            return o.isoformat()
        return super().default(o)


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model that owns a table, parents before the models that point at them."""
    candidates = [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    candidates.sort(key=label)
    ordered: list[type[models.Model]] = []
    remaining = list(candidates)
    while remaining:
        progressed = False
        for model in list(remaining):
            parents = {
                field.related_model._meta.concrete_model
                for field in model._meta.get_fields()
                if (field.many_to_one or field.one_to_one or field.many_to_many)
                and field.concrete
                and isinstance(field.related_model, type)
                and issubclass(field.related_model, models.Model)
            }
            if not parents & (set(remaining) - {model}):
                ordered.append(model)
                remaining.remove(model)
                progressed = True
        if not progressed:  # a cycle of foreign keys: constraints are checked at commit, so any order loads
            ordered.extend(remaining)
            break
    return ordered


def migration_state() -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        state.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(state.items())}


def private_files() -> list[Path]:
    root = files.private_root()
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def sha256_of(stream: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class _HashingWriter:
    """A text sink for the serializer that writes UTF-8 to a binary file and hashes it on the way."""

    def __init__(self, target: IO[bytes]):
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, text: str) -> int:
        data = text.encode()
        self.digest.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(text)


def _serialize(rows: Iterator[models.Model], writer: _HashingWriter) -> None:
    # Keys sorted, also inside JSON fields: PostgreSQL's jsonb reorders them, SQLite keeps them as
    # written, and the same rows must give the same bytes on both.
    serializers.serialize("jsonl", rows, stream=writer, cls=ExactJSONEncoder, sort_keys=True)


def dump_rows(target: IO[bytes]) -> tuple[dict[str, int], str, int]:
    """Write every row of every model as JSON lines; returns (rows per model, sha256, size)."""
    writer = _HashingWriter(target)
    counts: dict[str, int] = {}
    for model in backed_up_models():
        queryset = model._base_manager.order_by("pk")
        counts[label(model)] = queryset.count()
        _serialize(queryset.iterator(chunk_size=2000), writer)
    return counts, writer.digest.hexdigest(), writer.size


@dataclass(frozen=True)
class BackupSummary:
    rows: int
    files: int
    bytes: int


def backup(path: Path) -> BackupSummary:
    """Write the archive to ``path`` (through a temporary file, so a failed backup leaves nothing half-written)."""
    root = files.private_root()
    path = Path(path)
    with tempfile.TemporaryDirectory() as work:
        data_path = Path(work) / DATA
        # One transaction: on PostgreSQL a repeatable-read snapshot, so every table is read at one moment.
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            with open(data_path, "wb") as data:
                counts, data_sha, data_size = dump_rows(data)
            state = migration_state()
        members: dict[str, dict[str, Any]] = {DATA: {"sha256": data_sha, "size": data_size}}
        stored = private_files()
        for file in stored:
            with open(file, "rb") as stream:
                sha, size = sha256_of(stream)
            members[FILES + file.relative_to(root).as_posix()] = {"sha256": sha, "size": size}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": state,
            "rows": counts,
            "members": members,
        }
        manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode()
        partial = path.with_name(f".{path.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, manifest_bytes)
            archive.add(data_path, arcname=DATA, recursive=False)
            for file in stored:
                archive.add(file, arcname=FILES + file.relative_to(root).as_posix(), recursive=False)
        os.replace(partial, path)
    return BackupSummary(rows=sum(counts.values()), files=len(stored), bytes=path.stat().st_size)


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(content))


def _members(archive_path: Path) -> Iterator[tuple[tarfile.TarInfo, IO[bytes]]]:
    """Regular-file members in archive order; anything else (links, devices) is refused."""
    try:
        with tarfile.open(archive_path, "r|gz") as archive:
            for member in archive:
                if not member.isfile():
                    raise BackupError(f"The archive holds {member.name!r}, which is not a regular file.")
                stream = archive.extractfile(member)
                if stream is None:
                    raise BackupError(f"The archive member {member.name!r} cannot be read.")
                yield member, stream
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"The archive cannot be read: {error}.") from error


def read_manifest(archive_path: Path) -> dict[str, Any]:
    for member, stream in _members(archive_path):
        if member.name != MANIFEST:
            break
        try:
            manifest = json.loads(stream.read())
        except ValueError as error:
            raise BackupError("The archive's manifest is not valid JSON.") from error
        if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"The archive is not a {FORMAT} archive of format version {FORMAT_VERSION} "
                f"(it says {manifest.get('format')!r} version {manifest.get('format_version')!r})."
            )
        return manifest
    raise BackupError(f"The archive does not begin with {MANIFEST}; it is not a Bidra backup.")


def check_archive(archive_path: Path) -> dict[str, Any]:
    """Read the whole archive and prove every member against the manifest; returns the manifest."""
    manifest = read_manifest(archive_path)
    expected = manifest.get("members", {})
    seen: set[str] = set()
    for member, stream in _members(archive_path):
        if member.name == MANIFEST:
            continue
        _safe_relative(member.name)
        if member.name not in expected:
            raise BackupError(f"The archive holds {member.name!r}, which the manifest does not list.")
        if member.name in seen:
            raise BackupError(f"The archive holds {member.name!r} twice.")
        sha, size = sha256_of(stream)
        if sha != expected[member.name]["sha256"] or size != expected[member.name]["size"]:
            raise BackupError(f"{member.name!r} does not match its SHA-256 in the manifest: the archive is damaged.")
        seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"The archive lacks {len(missing)} member(s) that the manifest lists, first {missing[0]!r}.")
    if DATA not in seen:
        raise BackupError(f"The archive has no {DATA}.")
    return manifest


def _safe_relative(name: str) -> PurePosixPath:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(f"The archive member {name!r} points outside the backup.")
    return relative


def rows_not_in_archive(archive_path: Path, limit: int = 100_000) -> dict[str, int]:
    """Rows of this database that restoring would lose: not written by ``migrate`` itself and not
    stored, identical, in the archive (rows that data migrations write are in every archive)."""
    present: dict[str, str] = {}
    for model in backed_up_models():
        if label(model) in MIGRATE_ROWS or not model._base_manager.exists():
            continue
        buffer = io.BytesIO()
        queryset = model._base_manager.order_by("pk")[: limit + 1]
        _serialize(queryset.iterator(), _HashingWriter(buffer))
        present.update((line, label(model)) for line in buffer.getvalue().decode().splitlines())
        if len(present) > limit:  # plainly not a fresh database: no need to read the archive
            break
    if present and len(present) <= limit:
        for member, stream in _members(archive_path):
            if member.name == DATA:
                for line in iter(stream.readline, b""):
                    present.pop(line.decode().rstrip("\n"), None)
                break
    lost: dict[str, int] = {}
    for model_label in present.values():
        lost[model_label] = lost.get(model_label, 0) + 1
    return lost


@dataclass(frozen=True)
class RestoreSummary:
    rows: int
    files: int
    audit: str


def restore(archive_path: Path, *, force: bool = False) -> RestoreSummary:
    """Restore an archive into this database and PRIVATE_FILES_ROOT.

    Checks first and changes nothing when a check fails: every member's SHA-256, the migration
    state (it must equal the archive's), and that the database is empty: nothing in it but what
    ``migrate`` writes, which the archive holds too (unless ``force``, which then empties it).
    Rows load in one transaction, with the audit chain verified before commit.
    """
    archive_path = Path(archive_path)
    manifest = check_archive(archive_path)
    if manifest["migrations"] != migration_state():
        raise BackupError(
            "The database's migrations differ from the archive's: run the Bidra version that made the "
            "backup, with `manage.py migrate`, on an empty database (see the manifest's 'migrations')."
        )
    lost = {} if force else rows_not_in_archive(archive_path)
    if lost:
        first = next(iter(lost))
        raise BackupError(
            f"The database is not empty ({sum(lost.values())} rows that the archive lacks, for example in "
            f"{first}); restore into an empty database, or pass --force to replace everything in it."
        )
    with tempfile.TemporaryDirectory() as work:
        data_path = Path(work) / DATA
        written = _extract(archive_path, manifest, data_path)
        with transaction.atomic():
            _empty_database()
            loaded = _load(data_path)
            if loaded != manifest["rows"]:
                raise BackupError(f"Rows read back differ from the manifest's counts: {loaded} != {manifest['rows']}.")
            _reset_sequences()
            ContentType.objects.clear_cache()
            audit = io.StringIO()
            try:
                call_command("verify_audit", stdout=audit)
            except Exception as error:
                raise BackupError(f"The restored event log does not verify: {error}") from error
    ContentType.objects.clear_cache()
    return RestoreSummary(rows=sum(loaded.values()), files=written, audit=audit.getvalue().strip())


def _extract(archive_path: Path, manifest: dict[str, Any], data_path: Path) -> int:
    """Write the private files (atomically, checked again) and the rows file; returns files written."""
    root = files.private_root()
    count = 0
    for member, stream in _members(archive_path):
        if member.name == MANIFEST:
            continue
        expected = manifest["members"][member.name]
        if member.name == DATA:
            target = data_path
        else:
            target = root.joinpath(*_safe_relative(member.name[len(FILES) :]).parts)
            count += 1
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as temporary:
            digest = hashlib.sha256()
            for chunk in iter(lambda: stream.read(CHUNK), b""):  # noqa: B023 - consumed within the iteration
                digest.update(chunk)
                temporary.write(chunk)
            temporary.flush()
            os.fsync(temporary.fileno())
        if digest.hexdigest() != expected["sha256"]:
            os.unlink(temporary.name)
            raise BackupError(f"{member.name!r} changed while it was being restored.")
        os.replace(temporary.name, target)
    return count


def _empty_database() -> None:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=False)
    connection.ops.execute_sql_flush(statements)


def _load(data_path: Path) -> dict[str, int]:
    """Save every row raw (as loaddata does: no save() overrides, no signals' side effects)."""
    counts: dict[str, int] = {label(model): 0 for model in backed_up_models()}
    with connection.constraint_checks_disabled(), open(data_path, encoding="utf-8") as data:
        for item in serializers.deserialize("jsonl", data):
            item.save()
            counts[label(type(item.object))] = counts.get(label(type(item.object)), 0) + 1
    connection.check_constraints()
    return counts


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def canonical_rows() -> bytes:
    """Every row of every model, serialized as a backup would: equal bytes mean equal databases."""
    buffer = io.BytesIO()
    dump_rows(buffer)
    return buffer.getvalue()


def files_digest() -> dict[str, str]:
    """SHA-256 of every private file, by path under PRIVATE_FILES_ROOT."""
    root = files.private_root()
    digests = {}
    for file in private_files():
        with open(file, "rb") as stream:
            digests[file.relative_to(root).as_posix()] = sha256_of(stream)[0]
    return digests
