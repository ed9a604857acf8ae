// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// The progress line on a real pseudo-terminal: redrawn in place, never a trail, at any width.
#include "serverprocess.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace BuildService::Test;

/**
 * Enough of a terminal to see what a user sees: printable characters with auto-wrap at the
 * width, CR, LF, and ESC [ K (erase to the end of the line); other escape sequences are skipped.
 * After every character it counts the rows that show a progress line.
 */
class Screen
{
public:
    explicit Screen(int columns) : m_columns(columns) { m_rows << QString(); }

    void feed(const QString &text)
    {
        for (int i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('\x1b') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('[')) {
                int j = i + 2;
                while (j < text.size() && !(text.at(j).unicode() >= 0x40 && text.at(j).unicode() <= 0x7e))
                    ++j;
                if (j < text.size() && text.at(j) == QLatin1Char('K'))
                    m_rows[m_row].truncate(qMin(m_col, m_columns - 1));
                i = j;
            } else if (c == QLatin1Char('\r')) {
                m_col = 0;
            } else if (c == QLatin1Char('\n')) {
                newLine();
            } else if (c.unicode() >= 0x20) {
                if (m_col >= m_columns) { // pending wrap, as in xterm
                    newLine();
                    m_col = 0;
                }
                QString &row = m_rows[m_row];
                if (row.size() < m_col)
                    row += QString(m_col - row.size(), QLatin1Char(' '));
                if (row.size() == m_col)
                    row += c;
                else
                    row[m_col] = c;
                ++m_col;
            }
            const int shown = progressRows();
            m_maxProgressRows = qMax(m_maxProgressRows, shown);
            if (shown > 0)
                m_sawProgress = true;
        }
    }

    int progressRows() const
    {
        static const QRegularExpression progress(QStringLiteral("^(uploading: |packing )"));
        return int(std::count_if(m_rows.begin(), m_rows.end(), [](const QString &row) { return progress.match(row).hasMatch(); }));
    }
    int maxProgressRows() const { return m_maxProgressRows; }
    bool sawProgress() const { return m_sawProgress; }
    QString text() const { return m_rows.join(QLatin1Char('\n')); }

private:
    void newLine()
    {
        ++m_row;
        if (m_row == m_rows.size())
            m_rows << QString();
    }

    int m_columns;
    QStringList m_rows;
    int m_row = 0;
    int m_col = 0;
    int m_maxProgressRows = 0;
    bool m_sawProgress = false;
};

class TestProgressDisplay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void oneProgressLineOnAPseudoTerminal_data();
    void oneProgressLineOnAPseudoTerminal();

private:
    QTemporaryDir m_tmp;
    ServerProcess m_server;
    QString m_checkout;
};

void TestProgressDisplay::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_checkout = m_tmp.filePath(QStringLiteral("checkout"));
    // Incompressible files, so that the upload takes several progress updates.
    QRandomGenerator random(14);
    for (int i = 0; i < 400; ++i) {
        QByteArray data(16 * 1024, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
        QVERIFY(writeFile(m_checkout + QStringLiteral("/dir%1/file%2.bin").arg(i % 20).arg(i), data));
    }
    QVERIFY2(m_server.start(m_tmp.filePath(QStringLiteral("data"))), m_server.standardError().constData());
}

void TestProgressDisplay::cleanupTestCase()
{
    QVERIFY2(m_server.stop(), "server did not exit cleanly on SIGTERM");
}

void TestProgressDisplay::oneProgressLineOnAPseudoTerminal_data()
{
    QTest::addColumn<int>("columns");
    QTest::newRow("50 columns") << 50;
    QTest::newRow("120 columns") << 120;
}

void TestProgressDisplay::oneProgressLineOnAPseudoTerminal()
{
    QFETCH(int, columns);
    // script(1) runs the CLI on a pseudo-terminal of its own and records what it writes there.
    const QString typescript = m_tmp.filePath(QStringLiteral("typescript-%1").arg(columns));
    const QString command = QStringLiteral("stty cols %1 rows 500 && exec %2 build --server %3 --fresh-workspace --no-cache -- true")
                                .arg(columns).arg(binaryPath("build-service"), m_server.url());
    QProcess script;
    script.setWorkingDirectory(m_checkout);
    script.start(QStringLiteral("script"), {QStringLiteral("-qfec"), command, typescript});
    QVERIFY(script.waitForFinished(180000));
    const QByteArray recorded = readFile(typescript);
    QVERIFY2(script.exitCode() == 0, QByteArray(script.readAllStandardError() + recorded).constData());

    Screen screen(columns);
    screen.feed(QString::fromUtf8(recorded));
    const QByteArray shown = screen.text().toUtf8();
    QVERIFY2(screen.sawProgress(), shown.constData());
    // Never two progress lines at once, and none left behind when the build goes on.
    QVERIFY2(screen.maxProgressRows() == 1, shown.constData());
    QVERIFY2(screen.progressRows() == 0, shown.constData());
    QVERIFY2(recorded.contains("build-service: finished with exit code 0"), recorded.constData());
    // What the progress said: on a wide terminal the whole line, percentage included.
    if (columns >= 120)
        QVERIFY2(recorded.contains("% ") && recorded.contains(" files, "), recorded.constData());
    for (const QByteArray &draw : recorded.split('\r')) {
        if (draw.startsWith("\x1b[Kuploading: ") || draw.startsWith("\x1b[Kpacking "))
            QVERIFY2(QString::fromUtf8(draw.mid(3)).size() < columns, draw.constData());
    }
}

QTEST_GUILESS_MAIN(TestProgressDisplay)
#include "tst_progressdisplay.moc"
