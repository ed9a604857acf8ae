// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// RemoteCommandJob: runs a launch configuration's command on the build server, output in Run.
#include "launcher/remotecommandjob.h"

#include "debug.h"

#include <outputview/outputmodel.h>

#include <QUrl>

namespace BuildService::Plugin {

QString RemoteCommandJob::jobTitle(const QString &configurationName)
{
    return tr("Remote: %1").arg(configurationName);
}

RemoteCommandJob::RemoteCommandJob(const QString &configurationName, QObject *parent)
    : KDevelop::OutputExecuteJob(parent)
{
    setCapabilities(Killable);
    setJobName(jobTitle(configurationName));
}

RemoteCommandJob::RemoteCommandJob(const QString &configurationName, const QStringList &commandLine,
                                   const QString &workingDirectory, const QString &token, QObject *parent,
                                   const QString &caFile, const QString &pinSha256)
    : RemoteCommandJob(configurationName, parent)
{
    setStandardToolView(KDevelop::IOutputView::RunView);
    setBehaviours(KDevelop::IOutputView::AllowUserClose | KDevelop::IOutputView::AutoScroll);
    setFilteringStrategy(KDevelop::OutputModel::NativeAppErrorFilter);
    setProperties(DisplayStdout | DisplayStderr | NeedWorkingDirectory | CheckWorkingDirectory);
    // The CLI is the remote command's stand-in on this machine: a remote runtime must not
    // wrap it into another remote build.
    setExecuteOnHost(true);
    setWorkingDirectory(QUrl::fromLocalFile(workingDirectory));
    if (!token.isEmpty())
        addEnvironmentOverride(QStringLiteral("BUILD_SERVICE_TOKEN"), token);
    if (!caFile.isEmpty())
        addEnvironmentOverride(QStringLiteral("BUILD_SERVICE_CA_FILE"), caFile);
    if (!pinSha256.isEmpty())
        addEnvironmentOverride(QStringLiteral("BUILD_SERVICE_PIN_SHA256"), pinSha256);
    *this << commandLine;
    // setJobName() shows the command line only with AppendProcessString; keep the short title.
    setJobName(jobTitle(configurationName));
}

RemoteCommandJob *RemoteCommandJob::failing(const QString &configurationName, const QString &errorText, QObject *parent)
{
    auto *job = new RemoteCommandJob(configurationName, parent);
    job->setError(UserDefinedError);
    job->setErrorText(errorText);
    return job;
}

void RemoteCommandJob::start()
{
    if (error() != NoError) {
        qCWarning(BS_PLUGIN) << objectName() << "cannot start:" << errorText();
        emitResult();
        return;
    }
    KDevelop::OutputExecuteJob::start();
}

} // namespace BuildService::Plugin
