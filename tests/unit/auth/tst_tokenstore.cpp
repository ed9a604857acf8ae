// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Tests for TokenStore and Authenticator: hashing, comparison, file parsing errors, reload.
#include "resultverify.h"
#include "auth/authenticator.h"
#include "auth/tokenstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;

namespace {
// SHA-256 of "s3cret", computed independently (printf s3cret | sha256sum).
const char s_s3cretHash[] = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";

bool writeFile(const QString &fileName, const QByteArray &content)
{
    QFile f(fileName);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}
} // namespace

class TestTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashIsSha256OfTheUtf8Bytes()
    {
        QCOMPARE(TokenStore::hashToken(QStringLiteral("s3cret")).toHex(), QByteArray(s_s3cretHash));
        QCOMPARE(TokenStore::fileLine(QStringLiteral("alice"), Identity::Role::User, QStringLiteral("s3cret")),
                 QStringLiteral("alice user sha256:%1").arg(QLatin1String(s_s3cretHash)));
    }

    void constantTimeEqualsComparesContentAndLength()
    {
        const QByteArray a = TokenStore::hashToken(QStringLiteral("a"));
        QVERIFY(TokenStore::constantTimeEquals(a, a));
        QByteArray lastByte = a;
        lastByte[31] = char(lastByte[31] ^ 1);
        QVERIFY(!TokenStore::constantTimeEquals(a, lastByte));
        QByteArray firstByte = a;
        firstByte[0] = char(firstByte[0] ^ 0x80);
        QVERIFY(!TokenStore::constantTimeEquals(a, firstByte));
        QVERIFY(!TokenStore::constantTimeEquals(a, a.left(31)));
    }

    void parsesIdentitiesAndAuthenticates()
    {
        const QByteArray text = QByteArray("# team tokens\n\n  alice user sha256:") + s_s3cretHash + "  \n"
                              + "bob admin sha256:" + TokenStore::hashToken(QStringLiteral("other")).toHex().toUpper() + "\n";
        const Result<TokenStore> store = TokenStore::parse(text, QStringLiteral("tokens"));
        QVERIFY2(store.ok(), qPrintable(store.errorString()));
        QCOMPARE(store->size(), 2);
        const std::optional<Identity> alice = store->authenticate(QStringLiteral("s3cret"));
        QVERIFY(alice);
        QCOMPARE(alice->name, QStringLiteral("alice"));
        QVERIFY(!alice->isAdmin());
        const std::optional<Identity> bob = store->authenticate(QStringLiteral("other"));
        QVERIFY(bob);
        QCOMPARE(bob->name, QStringLiteral("bob"));
        QVERIFY(bob->isAdmin());
        QVERIFY(!store->authenticate(QStringLiteral("s3cre")));
        QVERIFY(!store->authenticate(QString()));
        // The hash itself is not a token.
        QVERIFY(!store->authenticate(QLatin1String(s_s3cretHash)));
    }

    void reportsBadLinesWithTheirNumbers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        const QByteArray hash = QByteArray("sha256:") + s_s3cretHash;
        QTest::newRow("plain token") << QByteArray("# c\nalice user s3cret\n")
                                     << QStringLiteral("tokens:2: expected \"sha256:\" and 64 hex digits, the hash of the token (never the token "
                                                       "itself; build-service-server --generate-token NAME prints the line)");
        QTest::newRow("two fields") << QByteArray("\n\nalice " + hash + "\n")
                                    << QStringLiteral("tokens:3: expected \"NAME ROLE sha256:HEX\", got 2 field(s)");
        QTest::newRow("bad role") << QByteArray("alice root " + hash + "\n")
                                  << QStringLiteral("tokens:1: role must be \"user\" or \"admin\", got \"root\"");
        QTest::newRow("bad name") << QByteArray("al/ice user " + hash + "\n")
                                  << QStringLiteral("tokens:1: invalid name \"al/ice\": use 1 to 64 letters, digits, '.', '_' or '-'");
        QTest::newRow("short hash") << QByteArray("alice user sha256:abc\n")
                                    << QStringLiteral("tokens:1: expected \"sha256:\" and 64 hex digits, the hash of the token (never the token "
                                                      "itself; build-service-server --generate-token NAME prints the line)");
        QTest::newRow("duplicate") << QByteArray("alice user " + hash + "\n#\nbob user " + hash + "\n")
                                   << QStringLiteral("tokens:3: the same token hash is already on line 1");
        QTest::newRow("two errors") << QByteArray("alice root " + hash + "\nbob\n")
                                    << QStringLiteral("tokens:1: role must be \"user\" or \"admin\", got \"root\"\n"
                                                      "tokens:2: expected \"NAME ROLE sha256:HEX\", got 1 field(s)");
    }

    void reportsBadLinesWithTheirNumbers()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        const Result<TokenStore> store = TokenStore::parse(text, QStringLiteral("tokens"));
        QVERIFY(!store.ok());
        QCOMPARE(store.errorCode(), ErrorCode::ConfigInvalid);
        QCOMPARE(store.errorString(), error);
    }

    void generatedTokensAreLongRandomAndValid()
    {
        const QString a = TokenStore::generateToken();
        const QString b = TokenStore::generateToken();
        QVERIFY(a != b);
        QVERIFY(a.startsWith(QLatin1String("bst_")));
        QCOMPARE(a.size(), 4 + 43);
        const Result<TokenStore> store = TokenStore::parse(TokenStore::fileLine(QStringLiteral("ci-bot"), Identity::Role::Admin, a).toUtf8(),
                                                           QStringLiteral("t"));
        QVERIFY2(store.ok(), qPrintable(store.errorString()));
        QCOMPARE(store->authenticate(a)->name, QStringLiteral("ci-bot"));
        QVERIFY(!store->authenticate(b));
    }

    void authenticatorCombinesConfigAndFileAndKeepsTheOldSetOnABadReload()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("tokens"));
        QVERIFY(writeFile(file, TokenStore::fileLine(QStringLiteral("alice"), Identity::Role::User, QStringLiteral("one")).toUtf8() + "\n"));
        Authenticator auth({QStringLiteral("legacy-plain"), TokenStore::fileLine(QStringLiteral("carol"), Identity::Role::User, QStringLiteral("c"))},
                           file);
        QVERIFY(auth.required());
        const Result<void> loaded = auth.reload();
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorString()));
        QCOMPARE(auth.authenticate(QStringLiteral("one"))->name, QStringLiteral("alice"));
        QCOMPARE(auth.authenticate(QStringLiteral("c"))->name, QStringLiteral("carol"));
        // The deprecated plain list acts as the documented admin identity.
        const std::optional<Identity> legacy = auth.authenticate(QStringLiteral("legacy-plain"));
        QVERIFY(legacy);
        QCOMPARE(legacy->name, QStringLiteral("admin"));
        QVERIFY(legacy->isAdmin());

        // Rotation: the new file replaces the old tokens.
        QVERIFY(writeFile(file, TokenStore::fileLine(QStringLiteral("alice"), Identity::Role::User, QStringLiteral("two")).toUtf8() + "\n"));
        QVERIFY_RESULT(auth.reload());
        QVERIFY(!auth.authenticate(QStringLiteral("one")));
        QCOMPARE(auth.authenticate(QStringLiteral("two"))->name, QStringLiteral("alice"));

        // A broken file is reported and the previous set stays in force.
        QVERIFY(writeFile(file, "alice user two\n"));
        const Result<void> broken = auth.reload();
        QVERIFY(!broken.ok());
        QVERIFY2(broken.errorString().startsWith(file + QLatin1String(":1: expected \"sha256:\"")), qPrintable(broken.errorString()));
        QCOMPARE(auth.authenticate(QStringLiteral("two"))->name, QStringLiteral("alice"));

        QVERIFY(QFile::remove(file));
        const Result<void> missing = auth.reload();
        QVERIFY(!missing.ok());
        QVERIFY2(missing.errorString().startsWith(file + QLatin1String(": cannot read the tokens file: ")), qPrintable(missing.errorString()));
    }

    void withoutTokensEveryoneIsTheLocalAdmin()
    {
        Authenticator auth({}, QString());
        QVERIFY_RESULT(auth.reload());
        QVERIFY(!auth.required());
        const std::optional<Identity> who = auth.authenticate(QString());
        QVERIFY(who);
        QCOMPARE(who->name, QStringLiteral("local"));
        QVERIFY(who->isAdmin());
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
