"""Write a programme's yearly follow-up report as PDF (and optionally HTML), with a progress bar."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from bidra.core.pdf import render_pdf
from bidra.followup import report
from bidra.followup.figures import years_with_decisions
from bidra.programmes.models import Programme


class Command(BaseCommand):
    help = "Skriver årets uppföljningsrapport för ett bidragsprogram som PDF (och HTML)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="Året besluten fattades.")
        parser.add_argument("--programme", help="Programmets kortnamn (slug); behövs om flera program har beslut.")
        parser.add_argument("--pdf", required=True, type=Path, help="Fil att skriva PDF:en till.")
        parser.add_argument("--html", type=Path, help="Fil att även skriva HTML till.")
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, year: int, programme: str | None, pdf: Path, html: Path | None, language: str, **options):
        chosen = self._programme(programme, year)
        steps = 4 if html else 3
        with translation.override(language), tqdm(total=steps, file=sys.stderr, unit="steg", desc="followup") as bar:
            started: list[str] = []

            def step(label: str) -> None:
                """Mark the previous step done and name the next one."""
                if started:
                    bar.update(1)
                started.append(label)
                bar.set_description(label)

            context = report.build(chosen, year, step=step)
            if html:
                step(_("Skriver HTML"))
                html.write_text(render_to_string("followup/report_pdf.html", context), encoding="utf-8")
            step(_("Skriver PDF"))
            pdf.write_bytes(render_pdf("followup/report_pdf.html", context, language=language))
            bar.update(1)
            bar.set_description(_("Klart"))
        self.stdout.write(f"{pdf}" + (f", {html}" if html else ""))

    def _programme(self, slug: str | None, year: int) -> Programme:
        if slug:
            found = Programme.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"Inget bidragsprogram med kortnamnet {slug!r}.")
            return found
        with_decisions = {pid for pid, y in years_with_decisions() if y == year}
        candidates = list(Programme.objects.filter(pk__in=with_decisions)) or list(Programme.objects.all())
        if len(candidates) != 1:
            raise CommandError("Ange --programme: " + ", ".join(p.slug for p in candidates))
        return candidates[0]
