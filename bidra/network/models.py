"""The follow-up side: status descriptions (nulägesbeskrivningar), the municipal network and
the government assignments with their deadlines and reports.

Questions are defined per survey year; a question's code (with its area's code) stays the same
across years, which is what makes answers comparable over time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


# --- Respondents other than municipalities ---------------------------------------------------
class NationalAgency(models.Model):
    name = models.CharField(_("namn"), max_length=150, unique=True)
    organisation_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("nationell myndighet")
        verbose_name_plural = _("nationella myndigheter")

    def __str__(self) -> str:
        return self.name


class AgencyContact(models.Model):
    """A user who answers status descriptions for a national agency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agency_contacts", verbose_name=_("användare")
    )
    agency = models.ForeignKey(
        NationalAgency, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("myndighet")
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="unique_agency_contact")]
        verbose_name = _("kontaktperson på myndighet")
        verbose_name_plural = _("kontaktpersoner på myndigheter")

    def __str__(self) -> str:
        return f"{self.user} – {self.agency}"


# --- Status descriptions ------------------------------------------------------------------------
class SurveyYear(models.Model):
    class Municipalities(models.TextChoices):
        ALL = "all", _("Alla kommuner")
        NETWORK = "network", _("Bara kommuner i nätverket")

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    title = models.CharField(_("rubrik"), max_length=200)
    opens_on = models.DateField(_("öppnar"))
    closes_on = models.DateField(_("stänger"))
    intro = models.TextField(_("inledning"), blank=True)
    municipalities = models.CharField(
        _("kommuner som tillfrågas"), max_length=10, choices=Municipalities.choices, default=Municipalities.NETWORK
    )
    include_agencies = models.BooleanField(_("nationella myndigheter tillfrågas"), default=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("nulägesbeskrivning (år)")
        verbose_name_plural = _("nulägesbeskrivningar (år)")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.opens_on <= timezone.localdate() <= self.closes_on

    def previous(self) -> "SurveyYear | None":
        return SurveyYear.objects.filter(year__lt=self.year).order_by("-year").first()


class SurveyArea(models.Model):
    survey_year = models.ForeignKey(SurveyYear, on_delete=models.CASCADE, related_name="areas")
    code = models.SlugField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=100)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["survey_year", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["survey_year", "code"], name="unique_survey_area_code")]
        verbose_name = _("område")
        verbose_name_plural = _("områden")

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Ja/nej")
        COUNT = "count", _("Antal")
        SCALE = "scale_1_5", _("Skala 1–5")
        TEXT = "text", _("Fritext")

    survey_year = models.ForeignKey(SurveyYear, on_delete=models.CASCADE, related_name="questions")
    area = models.ForeignKey(
        SurveyArea, on_delete=models.CASCADE, null=True, blank=True, related_name="questions", verbose_name=_("område")
    )
    code = models.SlugField(_("kod"), max_length=40, help_text=_("Samma kod varje år gör svaren jämförbara över tid."))
    text = models.CharField(_("fråga"), max_length=300)
    kind = models.CharField(_("svarstyp"), max_length=10, choices=Kind.choices)
    help = models.TextField(_("hjälptext"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["survey_year", "area__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey_year", "area", "code"], name="unique_question_code_per_area"),
            models.UniqueConstraint(
                fields=["survey_year", "code"], condition=Q(area__isnull=True), name="unique_general_question_code"
            ),
        ]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")

    def __str__(self) -> str:
        return self.text

    @property
    def is_numeric(self) -> bool:
        return self.kind in (self.Kind.COUNT, self.Kind.SCALE)


class Response(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inskickad")

    survey_year = models.ForeignKey(SurveyYear, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="survey_responses"
    )
    agency = models.ForeignKey(
        NationalAgency, on_delete=models.PROTECT, null=True, blank=True, related_name="survey_responses"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_at = models.DateTimeField(_("senast sparad"), auto_now=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["survey_year", "municipality__name", "agency__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=True, agency__isnull=False)
                | Q(municipality__isnull=False, agency__isnull=True),
                name="response_has_one_respondent",
            ),
            models.UniqueConstraint(
                fields=["survey_year", "municipality"],
                condition=Q(municipality__isnull=False),
                name="one_response_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["survey_year", "agency"], condition=Q(agency__isnull=False), name="one_response_per_agency"
            ),
        ]
        verbose_name = _("svar på nulägesbeskrivning")
        verbose_name_plural = _("svar på nulägesbeskrivningar")

    def __str__(self) -> str:
        return f"{self.survey_year.year}: {self.respondent}"

    @property
    def respondent(self):
        return self.municipality or self.agency

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    yes_no = models.BooleanField(null=True, blank=True)
    number = models.IntegerField(null=True, blank=True)  # counts and scale values
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")

    def __str__(self) -> str:
        return f"{self.question.code}: {self.value}"

    @property
    def value(self):
        kind = self.question.kind
        if kind == Question.Kind.YES_NO:
            return self.yes_no
        if kind == Question.Kind.TEXT:
            return self.text or None
        return self.number


class Reminder(models.Model):
    """A reminder sent to a non-responder; at most one per response and day."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField(_("skickad"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "sent_on"], name="one_reminder_per_day")]
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")

    def __str__(self) -> str:
        return f"{self.response} {self.sent_on}"


# --- The municipal network ----------------------------------------------------------------------
class NetworkMember(models.Model):
    municipality = models.OneToOneField(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="network_member", verbose_name=_("kommun")
    )
    member_since = models.DateField(_("medlem sedan"), null=True, blank=True)
    priorities = models.TextField(_("kommunens egna prioriteringar"), blank=True)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("nätverkskommun")
        verbose_name_plural = _("nätverkskommuner")

    def __str__(self) -> str:
        return str(self.municipality)


class ContactPerson(models.Model):
    """A municipal official's work contact details for the network."""

    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("namn"), max_length=150)
    email = models.EmailField(_("e-post"))
    role = models.CharField(_("roll"), max_length=150, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    class Kind(models.TextChoices):
        EXPERIENCE_DAY = "experience_day", _("Erfarenhetsdag")
        LEARNING = "learning", _("Lärandeträff")
        CONSULTATION = "consultation", _("Samråd med romska företrädare")

    date = models.DateField(_("datum"))
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("tema"), max_length=200)
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="network_meetings",
        verbose_name=_("deltagande kommuner"),
    )
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"


class StoredDocument(models.Model):
    """Fields shared by uploaded documents kept in private, content-addressed storage."""

    name = models.CharField(_("filnamn"), max_length=150, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(_("storlek"), default=0)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now)

    class Meta:
        abstract = True


class MeetingDocument(StoredDocument):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("mötesdokument")
        verbose_name_plural = _("mötesdokument")

    def __str__(self) -> str:
        return self.name


class KnowledgeMaterial(models.Model):
    class Kind(models.TextChoices):
        FILM = "film", _("Film")
        PODCAST = "podcast", _("Podd")
        BOOK = "book", _("Bok")
        OTHER = "other", _("Annat")

    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    url = models.URLField(_("länk"), blank=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("kunskapsmaterial")
        verbose_name_plural = _("kunskapsmaterial")

    def __str__(self) -> str:
        return self.title


# --- Government assignments -------------------------------------------------------------------
class GovernmentAssignment(models.Model):
    title = models.CharField(_("rubrik"), max_length=200)
    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("regeringsuppdrag")
        verbose_name_plural = _("regeringsuppdrag")

    def __str__(self) -> str:
        return self.title


class AssignmentDeadline(models.Model):
    assignment = models.ForeignKey(GovernmentAssignment, on_delete=models.CASCADE, related_name="deadlines")
    due_on = models.DateField(_("datum"))
    what = models.CharField(_("vad ska lämnas"), max_length=200)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("redovisningsdatum")
        verbose_name_plural = _("redovisningsdatum")

    def __str__(self) -> str:
        return f"{self.due_on} {self.what}"


class AssignmentReport(StoredDocument):
    assignment = models.ForeignKey(GovernmentAssignment, on_delete=models.CASCADE, related_name="reports")
    delivered_on = models.DateField(_("redovisad"))
    title = models.CharField(_("rubrik"), max_length=200)

    class Meta:
        ordering = ["-delivered_on"]
        verbose_name = _("redovisning")
        verbose_name_plural = _("redovisningar")

    def __str__(self) -> str:
        return self.title
