"""Reference data: Sweden's counties (län) and municipalities (kommuner)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bidra.core.organisation_number import validate_municipal_organisation_number


class NationalArea(models.TextChoices):
    """NUTS 1 parts of the country (landsdelar), used to spread grants over the country."""

    EAST = "east", _("Östra Sverige")
    SOUTH = "south", _("Södra Sverige")
    NORTH = "north", _("Norra Sverige")

    @classmethod
    def from_label(cls, swedish_name: str) -> "NationalArea":
        by_name = {"Östra Sverige": cls.EAST, "Södra Sverige": cls.SOUTH, "Norra Sverige": cls.NORTH}
        return by_name[swedish_name]


class SkrMainGroup(models.TextChoices):
    """SKR's three main municipality groups (2023); the group code's first letter."""

    A = "A", _("Storstäder och storstadsnära kommuner")
    B = "B", _("Större städer och kommuner nära större stad")
    C = "C", _("Mindre städer/tätorter och landsbygdskommuner")


class SkrGroup(models.TextChoices):
    """SKR's nine municipality groups (2023), named as in the shipped reference data."""

    A1 = "A1", _("Storstäder")
    A2 = "A2", _("Pendlingskommun nära storstad")
    B3 = "B3", _("Större stad")
    B4 = "B4", _("Pendlingskommun nära större stad")
    B5 = "B5", _("Lågpendlingskommun nära större stad")
    C6 = "C6", _("Mindre stad/tätort")
    C7 = "C7", _("Pendlingskommun nära mindre tätort")
    C8 = "C8", _("Landsbygdskommun")
    C9 = "C9", _("Landsbygdskommun med besöksnäring")


def skr_group_choices() -> list[tuple[str, str]]:
    """The filters' choices: main groups A/B/C, then the nine groups (A1 … C9), each with its name."""
    return [(group.value, f"{group.value} – {group.label}") for group in (*SkrMainGroup, *SkrGroup)]


class County(models.Model):
    code = models.CharField(_("länskod"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("kommunkod"), max_length=4, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("län"))
    population = models.PositiveIntegerField(_("folkmängd"))
    population_year = models.PositiveSmallIntegerField(_("folkmängd avser år"))
    skr_group_code = models.CharField(_("SKR-kommungrupp"), max_length=2, db_index=True)
    skr_group_name = models.CharField(_("SKR-kommungruppens namn"), max_length=100)
    skr_main_group = models.CharField(_("SKR-huvudgrupp"), max_length=1, choices=SkrMainGroup.choices, db_index=True)
    national_area = models.CharField(_("landsdel"), max_length=5, choices=NationalArea.choices, db_index=True)
    nuts2 = models.CharField(_("riksområde (NUTS 2)"), max_length=60)
    organisation_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        blank=True,
        validators=[validate_municipal_organisation_number],
        help_text=_("Valfritt. Tio siffror, börjar med 212000-."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """'Gotlands kommun'-style names are not derivable; keep the short official name."""
        return self.name
