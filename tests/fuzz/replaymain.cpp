// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: BSD-2-Clause

// Runs a fuzz target's LLVMFuzzerTestOneInput over files and directories given on the command
// line, without libFuzzer: the committed corpus (seeds and every crash ever found) becomes a
// regression test in the normal build, whatever the compiler.
#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    int inputs = 0;
    for (const QString &argument : app.arguments().mid(1)) {
        QStringList files;
        if (QFileInfo(argument).isDir()) {
            QDirIterator it(argument, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
            files.sort(); // a fixed order, so a failure names the same input every run
        } else {
            files << argument;
        }
        for (const QString &path : qAsConst(files)) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                QTextStream(stderr) << "cannot read " << path << ": " << file.errorString() << '\n';
                return 2;
            }
            const QByteArray data = file.readAll();
            out << "input " << path << '\n';
            out.flush(); // a crash below must leave the name of the input behind
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(data.constData()), size_t(data.size()));
            ++inputs;
        }
    }
    if (inputs == 0) {
        QTextStream(stderr) << "no inputs found\n";
        return 2;
    }
    out << inputs << " inputs ran without a crash\n";
    return 0;
}
