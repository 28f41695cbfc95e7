"""A small Joomla site in a real MariaDB, modelled on the embassy's old site:
two languages with associations, press releases with "Source:" lines and
datelines, e-mail addresses cloaked in the text but real in the contacts,
images, a trashed article, a zero date. The words are our own."""

import itertools
import json
import os
from pathlib import Path

import pymysql
import pytest
from PIL import Image

HOST, PORT, USER = "127.0.0.1", 3306, "root"
PREFIX = "jos_"
SCHEMAS = Path(__file__).parent
_numbers = itertools.count(1)


def server_or_skip():
    """A connection to the local MariaDB; skipped (failed in CI) without one."""
    try:
        return pymysql.connect(host=HOST, port=PORT, user=USER, connect_timeout=3)
    except pymysql.MySQLError as error:
        message = f"MariaDB is not answering on {HOST}:{PORT} as {USER} ({error})."
        if os.environ.get("CI") == "true":
            pytest.fail(message + " .ci/run starts it (ensure_mariadb).")
        pytest.skip(message + " Start it, or run .ci/run, to test the Joomla import.")


class JoomlaSite:
    """A fresh Joomla database with Joomla's own schema for `version`."""

    def __init__(self, version, manifest_version):
        self.version = version
        self.name = f"joomla_test_{version}_{os.getpid()}_{next(_numbers)}"
        self.server = server_or_skip()
        with self.server.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4")
        self.db = pymysql.connect(
            host=HOST, port=PORT, user=USER, database=self.name, charset="utf8mb4", autocommit=True
        )
        self.execute("SET SESSION sql_mode = ''")
        schema = (SCHEMAS / f"schema_{version}.sql").read_text().replace("#__", PREFIX)
        for statement in schema.split(";\n"):
            if "CREATE TABLE" in statement:
                self.execute(statement)
        self.insert(
            "extensions",
            name="files_joomla",
            type="file",
            element="joomla",
            folder="",
            client_id=0,
            manifest_cache=json.dumps({"name": "files_joomla", "version": manifest_version}),
            params="",
            custom_data="",
        )

    @property
    def url(self):
        return f"mysql://{USER}@{HOST}:{PORT}/{self.name}"

    def execute(self, sql, params=()):
        with self.db.cursor() as cursor:
            cursor.execute(sql, params)

    def insert(self, table, **values):
        columns = ", ".join(f"`{name}`" for name in values)
        marks = ", ".join(["%s"] * len(values))
        self.execute(
            f"INSERT INTO `{PREFIX}{table}` ({columns}) VALUES ({marks})",  # noqa: S608
            list(values.values()),
        )

    def update(self, table, row_id, **values):
        sets = ", ".join(f"`{name}` = %s" for name in values)
        sql = f"UPDATE `{PREFIX}{table}` SET {sets} WHERE id = %s"  # noqa: S608
        self.execute(sql, [*values.values(), row_id])

    def drop(self):
        self.db.close()
        with self.server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")
        self.server.close()

    # --- rows with Joomla's defaults ------------------------------------------

    def zero_or_null(self):
        """What "no date" is in this version: the zero date (3.x) or NULL."""
        return "0000-00-00 00:00:00" if self.version == "3" else None

    def article(self, **values):
        row = {
            "introtext": "",
            "fulltext": "",
            "state": 1,
            "catid": 8,
            "created": "2018-02-01 10:00:00",
            "modified": "2018-02-01 10:00:00",
            "publish_up": None,
            "publish_down": self.zero_or_null(),
            "images": "{}",
            "urls": "{}",
            "attribs": "{}",
            "metadesc": "",
            "metadata": "{}",
            "access": 1,
            "language": "en-GB",
            **values,
        }
        self.insert("content", **row)

    def category(self, **values):
        row = {
            "extension": "com_content",
            "published": 1,
            "access": 1,
            "params": "{}",
            "description": "",
            "metadata": "{}",
            "created_time": "2015-01-01 00:00:00",
            "modified_time": "2015-01-01 00:00:00",
            "language": "*",
            **values,
        }
        self.insert("categories", **row)

    def contact(self, **values):
        row = {
            "published": 1,
            "params": "{}",
            "access": 1,
            "language": "*",
            "created": "2015-01-01 00:00:00",
            "modified": "2015-01-01 00:00:00",
            "metadesc": "",
            "metadata": "{}",
            **values,
        }
        self.insert("contact_details", **row)

    def menu_item(self, **values):
        row = {
            "menutype": "mainmenu",
            "type": "component",
            "published": 1,
            "parent_id": 1,
            "level": 1,
            "access": 1,
            "img": "",
            "params": "{}",
            "client_id": 0,
            "language": "*",
            **values,
        }
        row.setdefault("alias", row["path"].rsplit("/", 1)[-1])
        row.setdefault("title", row["alias"])
        self.insert("menu", **row)

    def associate(self, context, key, *ids):
        for row_id in ids:
            self.insert("associations", id=row_id, context=context, key=key)


OLD_SITE = "https://old.embassy.example"


def write_images(root):
    """The old site's images folder: two real images (one JPEG, one PNG)."""
    folder = Path(root) / "images" / "2018"
    folder.mkdir(parents=True)
    Image.new("RGB", (120, 80), (40, 90, 160)).save(folder / "ict-talks.jpg", "JPEG")
    Image.new("RGB", (64, 64), (200, 30, 30)).save(folder / "delegations.png", "PNG")
    return Path(root)


def fill_old_site(site):
    """The embassy's old site, in brief (our own words, the old site's facts)."""
    site.insert(
        "languages",
        lang_code="en-GB",
        title="English",
        title_native="English",
        sef="en",
        image="en_gb",
        description="",
        metadesc="",
        published=1,
        access=1,
    )
    site.insert(
        "languages",
        lang_code="ru-RU",
        title="Russian",
        title_native="Русский",
        sef="ru",
        image="ru_ru",
        description="",
        metadesc="",
        published=1,
        access=1,
    )
    site.category(
        id=1, parent_id=0, level=0, path="", extension="system", title="ROOT", alias="root"
    )
    site.category(
        id=2,
        parent_id=1,
        level=1,
        path="uncategorised",
        title="Uncategorised",
        alias="uncategorised",
    )
    site.category(
        id=8,
        parent_id=1,
        level=1,
        path="press-releases",
        title="Press releases",
        alias="press-releases",
        language="en-GB",
    )
    site.category(
        id=9, parent_id=1, level=1, path="statements", title="Statements", alias="statements"
    )
    site.category(
        id=10,
        parent_id=9,
        level=2,
        path="statements/greetings",
        title="Greetings",
        alias="greetings",
    )
    site.category(
        id=11,
        parent_id=1,
        level=1,
        path="press-relizy",
        title="Пресс-релизы",
        alias="press-relizy",
        language="ru-RU",
    )
    site.associate("com_categories.item", "c" * 32, 8, 11)
    site.insert(
        "tags",
        id=1,
        parent_id=0,
        path="",
        title="ROOT",
        alias="root",
        description="",
        published=1,
        params="",
        metadesc="",
        metadata="",
        created_time="2015-01-01",
        modified_time="2015-01-01",
        images="",
        urls="",
        language="*",
    )
    site.insert(
        "tags",
        id=2,
        parent_id=1,
        path="cyber-security",
        title="Cyber security",
        alias="cyber-security",
        description="",
        published=1,
        params="",
        metadesc="",
        metadata="",
        created_time="2015-01-01",
        modified_time="2015-01-01",
        images="",
        urls="",
        language="*",
    )

    site.article(
        id=12,
        title="Second round of India–Russia consultations on ICT security",
        alias="ict-security-consultations",
        introtext="<p>New Delhi, 16 February 2018 – The two countries held a second round of "
        "talks on keeping the use of information technologies safe.</p>",
        fulltext="<p>{loadposition share}The talks built on the agreement of 2016.</p>"
        '<p><img src="images/2018/ict-talks.jpg" alt="Both delegations at the table"></p>',
        publish_up="2018-02-16 09:30:00",
        images=json.dumps(
            {
                "image_intro": "images/2018/delegations.png#joomlaImage://local-images/2018/"
                "delegations.png?width=64&height=64",
                "image_intro_alt": "The heads of the delegations",
                "image_intro_caption": "The heads of both delegations before the talks",
                "image_fulltext": "",
            }
        ),
    )
    site.article(
        id=13,
        title="Второй раунд российско-индийских консультаций по безопасности ИКТ",
        alias="vtoroy-raund-konsultatsiy",
        introtext="<p>Нью-Дели, 16 февраля 2018 года – Стороны провели второй раунд "
        "переговоров о безопасности информационных технологий.</p>",
        fulltext="<p>{emailcloak=off}Переговоры продолжили соглашение 2016 года.</p>"
        '<p>См. <a href="index.php?option=com_content&amp;view=article&amp;id=14">поздравление'
        '</a> и <a href="index.php?option=com_content&amp;view=article&amp;id=12">английский '
        "текст</a>.</p>",
        catid=11,
        language="ru-RU",
        publish_up="2018-02-16 09:30:00",
        images=json.dumps(
            {
                "image_intro_alt": "Главы делегаций",
                "image_intro_caption": "Главы делегаций перед переговорами",
            }
        ),
    )
    site.associate("com_content.item", "a" * 32, 12, 13)
    site.insert(
        "contentitem_tag_map",
        type_alias="com_content.article",
        core_content_id=1,
        content_item_id=12,
        tag_id=2,
        type_id=1,
    )
    site.article(
        id=14,
        title="Foreign Minister's greetings on Diplomats' Day Moscow, February 10, 2018",
        alias="diplomats-day-greetings",
        catid=10,
        introtext="<p>The minister congratulated the diplomats and the veterans of the "
        "service on their professional holiday.</p>",
        fulltext='<p>He thanked them for their work.</p><p><img src="images/missing.jpg" '
        'alt="A photo that was lost"></p>'
        # Links to other articles: Joomla's own address (with the slug form of
        # the id and extra parameters), a SEF address with an anchor, a full
        # address of the old site, a trashed article, another site.
        '<p>See <a href="index.php?option=com_content&amp;view=article&amp;'
        'id=12:ict-security-consultations&amp;catid=8&amp;Itemid=102">the consultations</a>, '
        '<a href="/news/12-ict-security-consultations.html#talks">the talks</a>, '
        '<a href="https://old.embassy.example/index.php?option=com_content&amp;view=article'
        '&amp;id=15&amp;catid=10">the Prime Minister</a>, <a href="index.php?option='
        'com_content&amp;view=article&amp;id=16">an old notice</a> and '
        '<a href="https://www.mid.ru/">the ministry</a>.</p>'
        '<p>Source: <a href="http://www.kremlin.ru/">Official '
        "website of the President of Russia</a></p>",
        publish_up="2018-02-10 06:00:00",
    )
    site.article(
        id=15,
        title="Greetings from the Prime Minister to the staff, February 10, 2018",
        alias="prime-minister-greetings",
        catid=10,
        state=2,
        introtext="<p>The Prime Minister wished the staff success in their work.</p>\n"
        "<p> Source: Official website of the Government of Russia</p>",
        created="2018-02-10 07:00:00",
        publish_up=site.zero_or_null() or None,
    )
    if site.version == "3":
        site.update("content", 15, publish_up="0000-00-00 00:00:00")
    site.article(
        id=16,
        title="An old notice",
        alias="old-notice",
        state=-2,
        introtext="<p>Thrown away.</p>",
        publish_up="2017-05-01 10:00:00",
    )
    site.article(
        id=17,
        title="Notes on the consultations",
        alias="ict-security-consultations",
        state=0,
        catid=99,
        introtext="<p><b>Draft notes, never finished</p>",
        publish_up="2018-02-16 11:00:00",
    )
    site.article(
        id=18,
        title="Communiqué",
        alias="communique",
        language="fr-FR",
        introtext="<p>Un communiqué en français.</p>",
        publish_up="2018-02-12 10:00:00",
    )

    site.contact(
        id=1,
        name="Embassy of the Russian Federation in India",
        alias="embassy",
        address="Shantipath\nChanakyapuri",
        suburb="New Delhi",
        postcode="110021",
        country="India",
        telephone="(91-11) 2611-0640/41/42; (91-11) 2687 38 02",
        fax="(91-11) 2687 37 99",
        email_to="embassy@example.org",
        webpage="https://india.example.org/",
        misc="<p>For visas write to This email address is being protected from spambots. "
        "You need JavaScript enabled to view it.</p>",
        ordering=1,
    )
    site.contact(
        id=2,
        name="Emergency line",
        alias="emergency",
        con_position="Emergency telephone, only for Russian citizens in India",
        address="Shantipath",
        suburb="New Delhi",
        country="India",
        mobile="+91-81-3030-0551",
        ordering=2,
    )
    site.contact(id=3, name="Closed office", alias="closed-office", published=-2)

    site.menu_item(id=101, path="home", link="index.php?option=com_content&view=featured", home=1)
    site.menu_item(
        id=102,
        path="news",
        language="en-GB",
        link="index.php?option=com_content&view=category&layout=blog&id=8",
    )
    site.menu_item(
        id=103,
        path="novosti",
        language="ru-RU",
        link="index.php?option=com_content&view=category&layout=blog&id=11",
    )
    site.menu_item(
        id=104, path="statements", link="index.php?option=com_content&view=category&id=9"
    )
    site.menu_item(id=105, path="contact-us", link="index.php?option=com_contact&view=featured")
    site.menu_item(id=106, path="login", link="index.php?option=com_users&view=login")
    site.menu_item(
        id=107,
        path="about-ict",
        language="en-GB",
        link="index.php?option=com_content&view=article&id=12",
    )

    for row_id, old, new in (
        (1, "/old-news/ict.html", "index.php?option=com_content&view=article&id=12"),
        (2, "/ministry", "https://www.mid.ru/"),
        (3, "/broken-link", "/nowhere-on-the-old-site"),
    ):
        site.insert(
            "redirect_links",
            id=row_id,
            old_url=old,
            new_url=new,
            referer="",
            published=1,
            created_date="2018-01-01",
            modified_date="2018-01-01",
        )


MAPPING = """
[defaults]
kind = "press-release"

[categories.statements]
kind = "statement"
topic = false

[categories.greetings]
kind = "greetings"
"""
