"""Fictional people for the demo roll: names drawn from the mix of heritages found in UK
membership lists, and email addresses at the domains reserved for examples (RFC 2606).

Deterministic (and free of the database): the same random generator always yields the same people.
The names are common given names and surnames combined at random; any resemblance to a
real person is chance."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from plenary.web.core.demo import RESERVED_DOMAINS


@dataclass(frozen=True)
class NamePool:
    """Given names and surnames of one heritage, with its share of the roll."""

    share: float
    women: tuple[str, ...]
    men: tuple[str, ...]
    either: tuple[str, ...]
    surnames: tuple[str, ...]


POOLS: dict[str, NamePool] = {
    "british_irish": NamePool(
        share=0.60,
        women=(
            "Emma",
            "Sophie",
            "Charlotte",
            "Hannah",
            "Lucy",
            "Rebecca",
            "Sarah",
            "Rachel",
            "Megan",
            "Chloe",
            "Eleanor",
            "Gemma",
            "Kirsty",
            "Fiona",
            "Siobhan",
            "Niamh",
            "Catrin",
            "Rhiannon",
            "Bethan",
            "Isla",
            "Morag",
            "Aoife",
            "Joanne",
            "Claire",
            "Helen",
            "Margaret",
            "Pauline",
            "Deborah",
            "Janet",
            "Elaine",
            "Zoë",
            "Ffion",
        ),
        men=(
            "James",
            "Thomas",
            "Daniel",
            "Matthew",
            "Liam",
            "Callum",
            "Owen",
            "Rhys",
            "Gareth",
            "Dafydd",
            "Ewan",
            "Hamish",
            "Connor",
            "Seán",
            "Declan",
            "Patrick",
            "Stuart",
            "Graham",
            "Neil",
            "Keith",
            "Martin",
            "Paul",
            "Mark",
            "Andrew",
            "Peter",
            "Robert",
            "Alan",
            "Craig",
            "Iwan",
            "Ciarán",
        ),
        either=("Alex", "Sam", "Jordan", "Robin", "Jamie", "Charlie", "Rowan", "Morgan"),
        surnames=(
            "Smith",
            "Jones",
            "Williams",
            "Taylor",
            "Brown",
            "Davies",
            "Evans",
            "Wilson",
            "Thomas",
            "Roberts",
            "Johnson",
            "Lewis",
            "Walker",
            "Robinson",
            "Wood",
            "Thompson",
            "White",
            "Watson",
            "Jackson",
            "Wright",
            "Green",
            "Harris",
            "Cooper",
            "King",
            "Martin",
            "Clarke",
            "Hughes",
            "Edwards",
            "Hall",
            "Morgan",
            "Price",
            "Griffiths",
            "Owen",
            "Pritchard",
            "Campbell",
            "Stewart",
            "MacDonald",
            "Fraser",
            "Murray",
            "Reid",
            "Ross",
            "Kerr",
            "Murphy",
            "Kelly",
            "O'Neill",
            "Byrne",
            "Doyle",
            "Gallagher",
            "McLaughlin",
            "Quinn",
            "Fletcher",
            "Barker",
            "Holloway",
            "Ashworth",
            "Pennington",
            "Hargreaves",
            "Llewellyn",
            "Ap Rhys",
        ),
    ),
    "south_asian": NamePool(
        share=0.14,
        women=(
            "Priya",
            "Anjali",
            "Aisha",
            "Fatima",
            "Nusrat",
            "Shabana",
            "Rekha",
            "Sunita",
            "Harpreet",
            "Simran",
            "Ayesha",
            "Zainab",
            "Nazia",
            "Meera",
            "Farzana",
            "Rupa",
        ),
        men=(
            "Arjun",
            "Rahul",
            "Sanjay",
            "Imran",
            "Tariq",
            "Bilal",
            "Hamza",
            "Mohammed",
            "Amir",
            "Harjit",
            "Rajesh",
            "Vikram",
            "Shahid",
            "Faisal",
            "Anil",
            "Kamal",
        ),
        either=("Kiran", "Gurpreet", "Sukhdeep"),
        surnames=(
            "Patel",
            "Khan",
            "Shah",
            "Ahmed",
            "Hussain",
            "Begum",
            "Ali",
            "Singh",
            "Kaur",
            "Sharma",
            "Gupta",
            "Chowdhury",
            "Rahman",
            "Iqbal",
            "Malik",
            "Mistry",
            "Desai",
            "Bhatti",
            "Sandhu",
            "Akhtar",
            "Islam",
            "Uddin",
            "Mahmood",
            "Parmar",
        ),
    ),
    "black_british": NamePool(
        share=0.10,
        women=(
            "Abena",
            "Adaeze",
            "Chiamaka",
            "Folake",
            "Ngozi",
            "Amara",
            "Kemi",
            "Yetunde",
            "Hodan",
            "Fadumo",
            "Shanice",
            "Tanisha",
            "Marcia",
            "Precious",
            "Grace",
            "Blessing",
        ),
        men=(
            "Kwame",
            "Kofi",
            "Chinedu",
            "Emeka",
            "Tunde",
            "Olumide",
            "Abdi",
            "Mahad",
            "Delroy",
            "Winston",
            "Tyrone",
            "Jermaine",
            "Dwayne",
            "Samuel",
            "Joseph",
            "Femi",
        ),
        either=("Ayo", "Tobi", "Chidi"),
        surnames=(
            "Okafor",
            "Adeyemi",
            "Mensah",
            "Boateng",
            "Owusu",
            "Okonkwo",
            "Adebayo",
            "Osei",
            "Nwosu",
            "Abdullahi",
            "Warsame",
            "Farah",
            "Grant",
            "Francis",
            "Morrison",
            "Brathwaite",
            "Henry",
            "Asante",
            "Oduya",
            "Bailey",
        ),
    ),
    "european": NamePool(
        share=0.08,
        women=(
            "Agnieszka",
            "Katarzyna",
            "Magdalena",
            "Ioana",
            "Elena",
            "Sofia",
            "Giulia",
            "Ana",
            "Maria",
            "Zeynep",
            "Eleni",
            "Marta",
        ),
        men=(
            "Piotr",
            "Tomasz",
            "Marek",
            "Andrei",
            "Mihai",
            "Luca",
            "Marco",
            "João",
            "Pedro",
            "Mehmet",
            "Emre",
            "Nikos",
            "Dimitris",
        ),
        either=("Nico", "Ali"),
        surnames=(
            "Nowak",
            "Wójcik",
            "Zielinski",
            "Popescu",
            "Ionescu",
            "Rossi",
            "Romano",
            "Esposito",
            "Silva",
            "Santos",
            "Ferreira",
            "Yilmaz",
            "Demir",
            "Kaya",
            "Papadopoulos",
            "Georgiou",
            "Novak",
            "Horvath",
            "Schmidt",
            "Costa",
        ),
    ),
    "east_asian": NamePool(
        share=0.04,
        women=("Mei", "Xiu", "Linh", "Hoa", "Yuki", "Hui", "Thuy"),
        men=("Wei", "Jun", "Hao", "Minh", "Tuan", "Kenji", "Jin"),
        either=("Ming", "Hiro"),
        surnames=(
            "Chen",
            "Wong",
            "Li",
            "Zhang",
            "Liu",
            "Nguyen",
            "Tran",
            "Pham",
            "Chan",
            "Cheung",
            "Lam",
            "Ho",
            "Tanaka",
            "Kim",
        ),
    ),
    "middle_eastern": NamePool(
        share=0.04,
        women=("Layla", "Noor", "Yasmin", "Mariam", "Rana", "Dalia", "Shirin"),
        men=("Omar", "Karim", "Youssef", "Samir", "Hassan", "Rami", "Dariush"),
        either=("Nour", "Sami"),
        surnames=(
            "Haddad",
            "Mansour",
            "Saleh",
            "Nasser",
            "Khalil",
            "Aziz",
            "Hamid",
            "Rahimi",
            "Karimi",
            "Ahmadi",
        ),
    ),
}

# Share of people whose given name and surname come from different pools (mixed families,
# married names): a roll is not tidily sorted by heritage.
MIXED_SHARE = 0.2


@dataclass(frozen=True)
class Person:
    heritage: str  # the name pool the given name came from
    given_name: str
    surname: str
    # How the name is usually read; the demo uses it only to make consented
    # self-identification plausible, never to infer anything about a real person.
    name_reads_as: str  # "woman", "man" or "either"

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.surname}"


def _pick_heritage(rng: random.Random) -> str:
    return rng.choices(list(POOLS), weights=[pool.share for pool in POOLS.values()])[0]


def make_person(rng: random.Random) -> Person:
    heritage = _pick_heritage(rng)
    given_pool = POOLS[heritage]
    surname_pool = POOLS[_pick_heritage(rng)] if rng.random() < MIXED_SHARE else given_pool
    reads_as = rng.choices(["woman", "man", "either"], weights=[48, 46, 6])[0]
    given_names = {"woman": given_pool.women, "man": given_pool.men, "either": given_pool.either}
    return Person(
        heritage=heritage,
        given_name=rng.choice(given_names[reads_as]),
        surname=rng.choice(surname_pool.surnames),
        name_reads_as=reads_as,
    )


def _ascii_slug(text: str) -> str:
    """'Seán' -> 'sean', "O'Neill" -> 'oneill', 'Ap Rhys' -> 'aprhys'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed.lower() if char.isascii() and char.isalnum())


def email_for(person: Person, rng: random.Random, taken: set[str]) -> str:
    """A plausible personal address at a reserved domain, unique among `taken` (updated)."""
    given, surname = _ascii_slug(person.given_name), _ascii_slug(person.surname)
    style = rng.choice(["{g}.{s}", "{g}{s}", "{i}{s}", "{g}.{s}{n}", "{g}_{s}"])
    local = style.format(g=given, s=surname, i=given[0], n=rng.randint(1, 99))
    domain = rng.choice(RESERVED_DOMAINS)
    address, suffix = f"{local}@{domain}", 2
    while address in taken:
        address, suffix = f"{local}{suffix}@{domain}", suffix + 1
    taken.add(address)
    return address
