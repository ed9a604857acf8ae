// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// LogFormat: the server's log lines, timestamped or with journald priorities.
#include "app/logformat.h"

#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace BuildService;

class TestLogFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatsOneMessage_data();
    void formatsOneMessage();
    void everyLineOfAMessageGetsThePrefix();
    void journalStreamMustNameStderr();
};

void TestLogFormat::formatsOneMessage_data()
{
    QTest::addColumn<int>("style");
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("category");
    QTest::addColumn<QByteArray>("expected");

    const int ts = int(LogFormat::Style::Timestamped);
    const int journal = int(LogFormat::Style::Journal);
    QTest::newRow("info timestamped") << ts << int(QtInfoMsg) << QByteArray("buildservice.server.build")
                                      << QByteArray("2026-12-04T17:01:02.045Z info buildservice.server.build: hello\n");
    QTest::newRow("warning timestamped") << ts << int(QtWarningMsg) << QByteArray("buildservice.server")
                                         << QByteArray("2026-12-04T17:01:02.045Z warning buildservice.server: hello\n");
    QTest::newRow("debug timestamped") << ts << int(QtDebugMsg) << QByteArray("x")
                                       << QByteArray("2026-12-04T17:01:02.045Z debug x: hello\n");
    QTest::newRow("critical timestamped") << ts << int(QtCriticalMsg) << QByteArray("x")
                                          << QByteArray("2026-12-04T17:01:02.045Z critical x: hello\n");
    QTest::newRow("no category") << ts << int(QtInfoMsg) << QByteArray() << QByteArray("2026-12-04T17:01:02.045Z info default: hello\n");
    QTest::newRow("info journal") << journal << int(QtInfoMsg) << QByteArray("buildservice.server.build")
                                  << QByteArray("<6>buildservice.server.build: hello\n");
    QTest::newRow("warning journal") << journal << int(QtWarningMsg) << QByteArray("x") << QByteArray("<4>x: hello\n");
    QTest::newRow("critical journal") << journal << int(QtCriticalMsg) << QByteArray("x") << QByteArray("<3>x: hello\n");
    QTest::newRow("debug journal") << journal << int(QtDebugMsg) << QByteArray("x") << QByteArray("<7>x: hello\n");
}

void TestLogFormat::formatsOneMessage()
{
    QFETCH(int, style);
    QFETCH(int, type);
    QFETCH(QByteArray, category);
    QFETCH(QByteArray, expected);
    // A time given in another zone is written in UTC.
    const QDateTime time(QDate(2026, 12, 4), QTime(18, 1, 2, 45), Qt::OffsetFromUTC, 3600);
    QCOMPARE(LogFormat::format(LogFormat::Style(style), QtMsgType(type), category.isEmpty() ? nullptr : category.constData(),
                               QStringLiteral("hello"), time),
             expected);
}

void TestLogFormat::everyLineOfAMessageGetsThePrefix()
{
    const QDateTime time(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
    QCOMPARE(LogFormat::format(LogFormat::Style::Journal, QtWarningMsg, "c", QStringLiteral("one\ntwo\n"), time),
             QByteArray("<4>c: one\n<4>c: two\n"));
    QCOMPARE(LogFormat::format(LogFormat::Style::Timestamped, QtInfoMsg, "c", QStringLiteral("one\ntwo"), time),
             QByteArray("2026-01-02T03:04:05.006Z info c: one\n2026-01-02T03:04:05.006Z info c: two\n"));
}

void TestLogFormat::journalStreamMustNameStderr()
{
    struct stat st {};
    QCOMPARE(::fstat(STDERR_FILENO, &st), 0);
    const QByteArray device = QByteArray::number(qulonglong(st.st_dev));
    const QByteArray inode = QByteArray::number(qulonglong(st.st_ino));
    QVERIFY(LogFormat::journalStreamMatches(device + ':' + inode));
    // Inherited from a service but stderr goes elsewhere: keep timestamps.
    QVERIFY(!LogFormat::journalStreamMatches(device + ':' + QByteArray::number(qulonglong(st.st_ino) + 1)));
    QVERIFY(!LogFormat::journalStreamMatches(QByteArray::number(qulonglong(st.st_dev) + 1) + ':' + inode));
    QVERIFY(!LogFormat::journalStreamMatches(QByteArray()));
    QVERIFY(!LogFormat::journalStreamMatches("garbage"));
    QVERIFY(!LogFormat::journalStreamMatches(device + ':' + inode + ":1"));
}

QTEST_GUILESS_MAIN(TestLogFormat)
#include "tst_logformat.moc"
