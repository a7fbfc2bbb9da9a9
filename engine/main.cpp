#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream(stdout) << "promptcraft-engine " << PC_VERSION << Qt::endl;
    return 0;
}
