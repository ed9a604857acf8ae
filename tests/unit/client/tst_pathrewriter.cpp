// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// PathRewriter: whole paths only, whatever the chunk boundaries, identity when nothing differs.
#include "client/pathrewriter.h"

#include <QTest>

using namespace BuildService;

class TestPathRewriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replacesWholePathsOnly_data();
    void replacesWholePathsOnly();
    void leavesOutputAloneWhenThePathsAreEqual();
    void holdsBackNoMoreThanThePath();

private:
    static QByteArray rewrite(const QByteArray &remote, const QByteArray &local, const QList<QByteArray> &chunks);
};

QByteArray TestPathRewriter::rewrite(const QByteArray &remote, const QByteArray &local, const QList<QByteArray> &chunks)
{
    PathRewriter rewriter(remote, local);
    QByteArray out;
    for (const QByteArray &chunk : chunks)
        out += rewriter.process(chunk);
    return out + rewriter.flush();
}

void TestPathRewriter::replacesWholePathsOnly_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("diagnostic") << QByteArray("/build/src/main.c:3:1: error\n") << QByteArray("/home/me/co/src/main.c:3:1: error\n");
    QTest::newRow("the path alone at the end") << QByteArray("cwd is /build") << QByteArray("cwd is /home/me/co");
    QTest::newRow("after an option letter") << QByteArray("cc -I/build/include") << QByteArray("cc -I/home/me/co/include");
    QTest::newRow("after = and quotes") << QByteArray("DIR=/build \"/build/x\" '/build'")
                                        << QByteArray("DIR=/home/me/co \"/home/me/co/x\" '/home/me/co'");
    QTest::newRow("file URL") << QByteArray("see file:///build/index.html") << QByteArray("see file:///home/me/co/index.html");
    QTest::newRow("twice in a row") << QByteArray("/build /build/") << QByteArray("/home/me/co /home/me/co/");
    QTest::newRow("start of a longer name") << QByteArray("/build-2/x /build.old /buildx") << QByteArray("/build-2/x /build.old /buildx");
    QTest::newRow("end of a longer path") << QByteArray("/home/you/build/x /a//build") << QByteArray("/home/you/build/x /a//build");
    QTest::newRow("inside the path itself") << QByteArray("/build/build/x") << QByteArray("/home/me/co/build/x");
}

void TestPathRewriter::replacesWholePathsOnly()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const QByteArray remote("/build");
    const QByteArray local("/home/me/co");
    QCOMPARE(rewrite(remote, local, {input}), expected);
    // Every split into two chunks, and byte by byte, gives the same.
    for (int cut = 0; cut <= input.size(); ++cut)
        QCOMPARE(rewrite(remote, local, {input.left(cut), input.mid(cut)}), expected);
    QList<QByteArray> bytes;
    for (char c : input)
        bytes.append(QByteArray(1, c));
    QCOMPARE(rewrite(remote, local, bytes), expected);
}

void TestPathRewriter::leavesOutputAloneWhenThePathsAreEqual()
{
    // [sandbox] workspace_path = "client": the build saw the checkout's own path.
    PathRewriter rewriter("/home/me/co", "/home/me/co");
    QCOMPARE(rewriter.process("/home/me/co/a.c:1: x\n/home/me/c"), QByteArray("/home/me/co/a.c:1: x\n/home/me/c"));
    QCOMPARE(rewriter.flush(), QByteArray());
}

void TestPathRewriter::holdsBackNoMoreThanThePath()
{
    PathRewriter rewriter("/build", "/w");
    // A line without any start of the path is shown at once; a possible start waits.
    QCOMPARE(rewriter.process("compiling\n"), QByteArray("compiling\n"));
    QCOMPARE(rewriter.process("in /bu"), QByteArray("in "));
    QCOMPARE(rewriter.process("ild"), QByteArray()); // "/build" - or "/buildx"?
    QCOMPARE(rewriter.process(": done\n"), QByteArray("/w: done\n"));
    QCOMPARE(rewriter.process("see /bui"), QByteArray("see "));
    QCOMPARE(rewriter.flush(), QByteArray("/bui"));
}

QTEST_GUILESS_MAIN(TestPathRewriter)
#include "tst_pathrewriter.moc"
