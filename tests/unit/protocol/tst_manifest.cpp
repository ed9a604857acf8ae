// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Manifest: save/load round trip, digest stability, truncated files detected.
#include "resultverify.h"
#include "sync/manifest.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService;

class TestManifest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void digestFollowsContent();
    void truncatedFileIsAnError();
};

static Manifest sample()
{
    Manifest m;
    m.insert({QStringLiteral("src/main.cpp"), ManifestEntry::Type::File, 0644, 120, 0xdeadbeefULL, {}});
    m.insert({QStringLiteral("run.sh"), ManifestEntry::Type::File, 0755, 10, 0x1234ULL, {}});
    m.insert({QStringLiteral("link with space"), ManifestEntry::Type::Symlink, 0777, 0, 0x42ULL, QStringLiteral("src/main.cpp")});
    return m;
}

void TestManifest::roundTrip()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("file-list.txt"));
    const Manifest m = sample();
    QVERIFY_RESULT(m.save(file));
    const auto loaded = Manifest::load(file);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errorString()));
    QCOMPARE(loaded->size(), 3);
    QCOMPARE(loaded->find(QStringLiteral("run.sh"))->mode, 0755u);
    QCOMPARE(loaded->find(QStringLiteral("link with space"))->linkTarget, QStringLiteral("src/main.cpp"));
    QCOMPARE(loaded->digest(), m.digest());
}

void TestManifest::digestFollowsContent()
{
    Manifest a = sample();
    Manifest b = sample();
    QCOMPARE(a.digest(), b.digest());
    ManifestEntry e = *b.find(QStringLiteral("run.sh"));
    e.mode = 0644;
    b.insert(e);
    QVERIFY(a.digest() != b.digest());
}

void TestManifest::truncatedFileIsAnError()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("file-list.txt"));
    QVERIFY_RESULT(sample().save(file));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.resize(f.size() - 10);
    f.close();
    const auto loaded = Manifest::load(file);
    QVERIFY(!loaded.ok());
    QVERIFY(loaded.errorString().contains(QStringLiteral("not a complete manifest")));
}

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
