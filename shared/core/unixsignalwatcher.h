// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// UnixSignalWatcher: delivers SIGTERM/SIGINT/SIGHUP to the Qt event loop as a signal.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace BuildService {

/**
 * Self-pipe trick: the async-signal-safe handler writes the signal number into a socketpair,
 * a QSocketNotifier reads it on the event loop. One instance per process.
 */
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void unixSignal(int signalNumber);

private:
    void onReadable();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace BuildService
